using System.Net;
using System.Text.Json;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Members;

/// <summary>Reads the administration APIs in the tests of members, tokens, settings and the audit trail.</summary>
public static class AdministrationSteps
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The policy's members as (e-mail, role) pairs.</summary>
    public static async Task<IReadOnlyList<(string Email, string Role)>> MembersAsync(this HttpClient client, Guid policyId)
    {
        var members = await (await client.GetAsync($"/api/policies/{policyId}/members", Token)).ReadAsync(HttpStatusCode.OK);
        return [.. members.EnumerateArray().Select(m => (m.GetProperty("email").GetString()!, m.GetProperty("role").GetString()!))];
    }

    /// <summary>The audit entries the API returns for <paramref name="query"/> (a query string without '?').</summary>
    public static async Task<IReadOnlyList<JsonElement>> AuditAsync(this HttpClient client, string query)
    {
        var entries = await (await client.GetAsync($"/api/audit?{query}", Token)).ReadAsync(HttpStatusCode.OK);
        return [.. entries.EnumerateArray()];
    }

    /// <summary>The actions of audit entries, in the order given.</summary>
    public static IReadOnlyList<string> Actions(this IEnumerable<JsonElement> entries) =>
        [.. entries.Select(e => e.GetProperty("action").GetString()!)];
}
