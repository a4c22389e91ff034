using Microsoft.Data.Sqlite;
using Npgsql;

namespace SgDesigner.Data.Accounts;

/// <summary>
/// Recognises a sign-up that lost a race to another one committed at the same moment, so that it is decided again on
/// fresh data instead of ending in a 500: PostgreSQL's serialization failure (40001) and deadlock (40P01), a unique
/// violation (23505, the same e-mail or membership written twice), and SQLite's busy, locked and unique errors.
/// </summary>
internal static class SignUpRace
{
    /// <summary>Attempts before giving up with a "try again" conflict.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Whether <paramref name="exception"/>, or one it wraps, is a lost race.</summary>
    public static bool IsLostRace(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation }:
                // SQLite: 5 busy, 6 locked, 19 constraint with 2067 (unique) or 1555 (primary key). https://www.sqlite.org/rescode.html
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                case SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }:
                    return true;
            }
        }
        return false;
    }
}
