using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Tokens;

/// <summary>
/// The checks of actions that are not about one policy (so <c>RequirePolicyAccess</c> cannot make them): what an
/// access token narrows (read scope: nothing that writes; bound to a policy: nothing beyond it) and what only
/// administrators may do. The <c>…Refusal</c> forms are for the services (a failure to return); the others answer an
/// endpoint with the 403 problem. Each is null when the call may go on.
/// </summary>
public static class CallerLimits
{
    /// <summary>Refuses a call made with a read-scoped token; <paramref name="doing"/> names the action ("creating tokens").</summary>
    public static StoreFailure? WritesRefusal(Caller caller, string doing) =>
        caller.Token is { Scope: TokenScope.Read } ? StoreFailure.Forbidden($"a read-only access token does not allow {doing}") : null;

    /// <summary>
    /// Refuses a token bound to one policy (it grants nothing beyond that policy, so nothing account-wide: creating or
    /// importing policies, the users, every policy's audit trail); with <paramref name="writes"/>, a read-scoped token too.
    /// </summary>
    public static StoreFailure? AccountWideRefusal(Caller caller, string doing, bool writes)
    {
        if (caller.Token?.PolicyId is not null)
            return StoreFailure.Forbidden($"this access token works on one policy only, which does not allow {doing}");
        return writes ? WritesRefusal(caller, doing) : null;
    }

    /// <summary>
    /// Refuses anyone but an administrator, and an administrator's token bound to one policy (it grants nothing
    /// about the others); with <paramref name="writes"/>, a read-scoped token too.
    /// </summary>
    public static StoreFailure? AdministratorsOnlyRefusal(Caller caller, string doing, bool writes) =>
        caller.IsAdministrator ? AccountWideRefusal(caller, doing, writes) : StoreFailure.Forbidden($"{doing} is for administrators only");

    /// <summary><see cref="AccountWideRefusal"/> as the endpoint's 403 answer.</summary>
    public static ProblemHttpResult? AccountWide(Caller caller, string doing, bool writes) => Problem(AccountWideRefusal(caller, doing, writes));

    /// <summary><see cref="AdministratorsOnlyRefusal"/> as the endpoint's 403 answer.</summary>
    public static ProblemHttpResult? AdministratorsOnly(Caller caller, string doing, bool writes) =>
        Problem(AdministratorsOnlyRefusal(caller, doing, writes));

    private static ProblemHttpResult? Problem(StoreFailure? refusal) =>
        refusal is null ? null : TypedResults.Problem(title: "Forbidden", detail: refusal.Message, statusCode: StatusCodes.Status403Forbidden);
}
