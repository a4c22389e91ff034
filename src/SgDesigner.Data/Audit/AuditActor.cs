namespace SgDesigner.Data.Audit;

/// <summary>Who does something, for the permission check and the audit trail.</summary>
/// <param name="UserId">The signed-in user, or null for the system or an anonymous attempt.</param>
/// <param name="Name">The name recorded (display name or e-mail); kept as it was even if the user is renamed.</param>
/// <param name="RemoteAddress">The client's address, when the call came over the network.</param>
public sealed record AuditActor(Guid? UserId, string Name, string? RemoteAddress = null)
{
    /// <summary>The application itself (seeding, start-up).</summary>
    public static AuditActor System { get; } = new(null, "sgdesigner");

    /// <summary>Someone known by name only (the API's author field, before sign-in exists).</summary>
    public static AuditActor Named(string name) => new(null, name);

    /// <summary>
    /// A name alone, for tests that pass the author as a string. Obsolete so that the build (warnings are errors)
    /// refuses it in the application: a request is audited with its caller's actor, user id and address included.
    /// </summary>
    [Obsolete("Pass the caller's AuditActor (caller.Actor), or AuditActor.System for the application itself; a bare name is for tests only.")]
    public static implicit operator AuditActor(string name) => Named(name);
}

/// <summary>Which entries an audit query returns; every condition is optional and they combine with AND.</summary>
/// <param name="PolicyId">Entries about this policy.</param>
/// <param name="ActorUserId">Entries by this user.</param>
/// <param name="Action">Exact action (<c>request.approved</c>) or a family ending in a dot (<c>request.</c>).</param>
/// <param name="From">At or after (UTC).</param>
/// <param name="To">Before (UTC), exclusive.</param>
/// <param name="Limit">At most this many, the newest (default 1,000).</param>
public sealed record AuditFilter(
    Guid? PolicyId = null, Guid? ActorUserId = null, string? Action = null, DateTime? From = null, DateTime? To = null,
    int Limit = 1000);
