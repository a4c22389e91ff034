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
        var members = await client.AllPagesAsync($"/api/policies/{policyId}/members");
        return [.. members.Select(m => (m.GetProperty("email").GetString()!, m.GetProperty("role").GetString()!))];
    }

    /// <summary>
    /// The audit entries the API returns for <paramref name="query"/> (a query string without '?'): every page, or the first
    /// page only when the query sets a limit.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> AuditAsync(this HttpClient client, string query)
    {
        if (!query.Contains("limit=", StringComparison.Ordinal))
            return await client.AllPagesAsync($"/api/audit?{query}");
        var page = await (await client.GetAsync($"/api/audit?{query}", Token)).ReadAsync(HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The actions of audit entries, in the order given.</summary>
    public static IReadOnlyList<string> Actions(this IEnumerable<JsonElement> entries) =>
        [.. entries.Select(e => e.GetProperty("action").GetString()!)];
}
