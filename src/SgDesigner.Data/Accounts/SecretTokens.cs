using System.Security.Cryptography;
using System.Text;

namespace SgDesigner.Data.Accounts;

/// <summary>
/// Random bearer secrets (access tokens, invitations) and the hash stored in their place. 256 random bits cannot be
/// guessed, so a plain SHA-256 is enough to make a stolen database useless for signing in (a slow password hash
/// protects low-entropy secrets; these are not).
/// </summary>
internal static class SecretTokens
{
    public static string New(string kind) => $"sgd_{kind}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
