using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Settings;

/// <summary>A policy's settings.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="RequiredApprovals">Approvals a change request needs before it can be merged (at least 1).</param>
/// <param name="Assertions">Expected flows, one JSON object per line, in the format of <c>sgd check</c> (cli.md); every change
/// request shows which of them it would break. Empty when the policy has none.</param>
/// <param name="AssertionsBlockMerge">A request that breaks one of the assertions cannot be merged, except by an owner
/// giving a reason (<see cref="Review.ReviewStore.MergeAsync"/>); off by default.</param>
/// <param name="RequireJustification">Require a justification on rules open to the world: an inbound allow from 0.0.0.0/0 or
/// ::/0 without one is an error (SGD041) in the designer, the findings and a change request's impact; off by default.</param>
public sealed record PolicySettings(Guid PolicyId, int RequiredApprovals, string Assertions, bool AssertionsBlockMerge = false, bool RequireJustification = false)
{
    /// <summary>How the app lints the policy on <paramref name="today"/> (UTC): review-by dates (SGD040) always, justifications (SGD041) when required.</summary>
    public LintOptions LintOptions(DateTime today) => new(DateOnly.FromDateTime(today), RequireJustification);
}

/// <summary>
/// Reads a policy's settings and stores its assertions and whether they block merging. The required number of approvals is set through
/// <see cref="Review.ReviewStore.SetRequiredApprovalsAsync"/>, which also re-evaluates open requests.
/// </summary>
public sealed partial class PolicySettingsStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock)
{
    /// <summary>The most characters a policy's assertions may have (the column's length).</summary>
    public const int MaxAssertionsLength = 100_000;

    /// <summary>A policy's settings; the caller checks that the user may view the policy.</summary>
    public async Task<StoreResult<PolicySettings>> GetAsync(Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var settings = await db.Policies.AsNoTracking().Where(p => p.Id == policyId)
            .Select(p => new PolicySettings(p.Id, p.RequiredApprovals, p.Assertions, p.AssertionsBlockMerge, p.RequireJustification)).FirstOrDefaultAsync(ct);
        return settings is null ? StoreFailure.NotFound($"policy {policyId} does not exist") : settings;
    }

    /// <summary>
    /// The validator of a policy's settings: the required approvals, the assertions, whether they block merging and whether
    /// rules open to the world need a justification (what a settings change replaces). Each switch adds a part only when on,
    /// so the validators of policies without them did not change.
    /// </summary>
    public static string Tag(int requiredApprovals, string assertions, bool assertionsBlockMerge, bool requireJustification = false) =>
        StateTag.Of([requiredApprovals.ToString(System.Globalization.CultureInfo.InvariantCulture), assertions,
            .. assertionsBlockMerge ? ["assertions-block-merge"] : Array.Empty<string>(),
            .. requireJustification ? ["require-justification"] : Array.Empty<string>()]);

    /// <summary>The validator of a stored policy's settings (see the overload).</summary>
    internal static string Tag(Rows.PolicyRow policy) =>
        Tag(policy.RequiredApprovals, policy.Assertions, policy.AssertionsBlockMerge, policy.RequireJustification);

    /// <summary>The validator of <paramref name="settings"/> (see the overload).</summary>
    public static string Tag(PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Tag(settings.RequiredApprovals, settings.Assertions, settings.AssertionsBlockMerge, settings.RequireJustification);
    }

    /// <summary>
    /// Replaces a policy's assertions; owners and administrators only. Every line must parse (blank lines and
    /// <c>#</c> or <c>//</c> comments are kept as written): otherwise Invalid with one error per problem at
    /// <c>assertions[line N]</c>, and nothing is stored. Audited as <c>policy.assertions-changed</c>.
    /// </summary>
    /// <remarks>With <paramref name="expectedTag"/>, only while the settings are the ones it was read with (<see cref="Tag(int, string, bool, bool)"/>).</remarks>
    public async Task<StoreResult<PolicySettings>> SetAssertionsAsync(
        AuditActor actor, Guid policyId, string assertions, string? expectedTag = null, CancellationToken ct = default)
    {
        if (actor.UserId is null)
            return MembershipStore.SignInFirst;
        assertions ??= "";
        if (CheckAssertions(assertions) is { } invalid)
            return invalid;
        var parsed = AssertionParser.Parse(assertions);
        return await WriteAsync<PolicySettings>(actor, policyId, expectedTag, async (db, policy) =>
        {
            if (policy.Assertions != assertions)
            {
                var before = AssertionParser.Parse(policy.Assertions).Assertions.Length;
                var now = clock.GetUtcNow().UtcDateTime;
                policy.Assertions = assertions;
                policy.UpdatedAt = now;
                db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, "policy.assertions-changed", "policy", policyId.ToString(),
                    $"{Count(parsed.Assertions.Length)} (was {Count(before)})"));
                if (await PolicyStore.SaveAsync(db, ct) is { } failure)
                    return failure;
            }
            return Of(policy);
        }, ct);
    }

    /// <summary>
    /// Turns on or off whether the assertions block merging; owners and administrators only. Audited as
    /// <c>policy.settings-changed</c> (as the required approvals are) when it changes; nothing is written when it does not.
    /// </summary>
    /// <remarks>With <paramref name="expectedTag"/>, only while the settings are the ones it was read with (<see cref="Tag(int, string, bool, bool)"/>).</remarks>
    public Task<StoreResult<PolicySettings>> SetAssertionsBlockMergeAsync(
        AuditActor actor, Guid policyId, bool block, string? expectedTag = null, CancellationToken ct = default) =>
        SetSwitchAsync(actor, policyId, block, p => p.AssertionsBlockMerge, (p, on) => p.AssertionsBlockMerge = on, "assertions block merge", expectedTag, ct);

    /// <summary>
    /// Turns on or off whether an inbound allow from 0.0.0.0/0 or ::/0 needs a justification (SGD041); owners and
    /// administrators only. Audited as <c>policy.settings-changed</c> when it changes; nothing is written when it does not.
    /// </summary>
    /// <remarks>With <paramref name="expectedTag"/>, only while the settings are the ones it was read with (<see cref="Tag(int, string, bool, bool)"/>).</remarks>
    public Task<StoreResult<PolicySettings>> SetRequireJustificationAsync(
        AuditActor actor, Guid policyId, bool require, string? expectedTag = null, CancellationToken ct = default) =>
        SetSwitchAsync(actor, policyId, require, p => p.RequireJustification, (p, on) => p.RequireJustification = on,
            "justification required on rules open to the world", expectedTag, ct);

    // One on/off setting, audited as "<what> off → on" only when it changes.
    private Task<StoreResult<PolicySettings>> SetSwitchAsync(
        AuditActor actor, Guid policyId, bool on, Func<Rows.PolicyRow, bool> read, Action<Rows.PolicyRow, bool> write, string what,
        string? expectedTag, CancellationToken ct) =>
        WriteAsync<PolicySettings>(actor, policyId, expectedTag, async (db, policy) =>
        {
            if (read(policy) != on)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                write(policy, on);
                policy.UpdatedAt = now;
                db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, "policy.settings-changed", "policy", policyId.ToString(),
                    $"{what} {OnOff(!on)} → {OnOff(on)}"));
                if (await PolicyStore.SaveAsync(db, ct) is { } failure)
                    return failure;
            }
            return Of(policy);
        }, ct);

    private static PolicySettings Of(Rows.PolicyRow policy) =>
        new(policy.Id, policy.RequiredApprovals, policy.Assertions, policy.AssertionsBlockMerge, policy.RequireJustification);

    private static string OnOff(bool on) => on ? "on" : "off";

    /// <summary>
    /// Why <paramref name="assertions"/> cannot be stored (too long, or a line the parser refuses, at
    /// <c>assertions[line N]</c>), or null; lets a caller changing several settings check before storing any.
    /// </summary>
    public static StoreFailure? CheckAssertions(string assertions)
    {
        if (assertions.Length > MaxAssertionsLength)
            return StoreFailure.Invalid("assertions", $"assertions can have at most {MaxAssertionsLength:N0} characters; these have {assertions.Length:N0}");
        var parsed = AssertionParser.Parse(assertions);
        return parsed.IsOk ? null : StoreFailure.Invalid(parsed.Errors.Select(AtLine));
    }

    // The parser names a line ("line 3") or a field on it ("line 3, port"); the settings name the line of the text.
    private static ValidationError AtLine(ValidationError error)
    {
        var match = ParserPath().Match(error.Path);
        return !match.Success ? error with { Path = $"assertions[{error.Path}]" }
            : match.Groups["field"].Success ? new ValidationError($"assertions[line {match.Groups["line"].Value}]", $"{match.Groups["field"].Value}: {error.Message}")
            : error with { Path = $"assertions[line {match.Groups["line"].Value}]" };
    }

    private static string Count(int n) => $"{n} assertion{(n == 1 ? "" : "s")}";

    [GeneratedRegex(@"^line (?<line>\d+)(, (?<field>.+))?$")]
    private static partial Regex ParserPath();
}
