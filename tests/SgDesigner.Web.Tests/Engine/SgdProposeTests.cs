using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Engine;

/// <summary>
/// <c>sgd propose NAME FILE --title T</c> over real HTTP: a changed policy file becomes an open change request whose
/// impact is what <c>sgd diff</c> says; exit 1 when the change breaks one of the policy's assertions, 0 when it breaks
/// nothing; a bad file is exit 2 and leaves no draft and no request behind.
/// </summary>
public sealed class SgdProposeTests(SqliteApp fixture) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly SgdOnExports _files = new(fixture.Client);
    private readonly SgdServer _server = new(fixture);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // A copy of the demo policy of its own, with one assertion that holds: a flow the demo allows between two ENIs.
    private async Task<(Guid Id, string Name, string Document)> PolicyWithAssertionAsync()
    {
        var demo = await File.ReadAllTextAsync(await _files.ExportAsync(await fixture.Client.DemoPolicyIdAsync()), Token);
        var name = $"propose {Guid.NewGuid():N}";
        var policyId = await _server.ImportDocumentAsync(demo, name);
        var document = await File.ReadAllTextAsync(await _files.ExportAsync(policyId), Token);
        var (from, to, port) = AllowedTcpFlow(SgdOnExports.Run("matrix", _files.Write($"{name}.policy.json", document)).Stdout);
        await _server.SetAssertionsAsync(policyId, $"{{\"from\": \"{from}\", \"to\": \"{to}\", \"protocol\": \"tcp\", \"port\": {port}, \"expect\": \"allow\", \"name\": \"kept open\"}}\n");
        return (policyId, name, document);
    }

    [Fact]
    public async Task A_change_that_breaks_an_assertion_opens_a_request_whose_impact_is_the_diff_and_exits_1()
    {
        var token = await _server.NewTokenAsync();
        var (policyId, name, document) = await PolicyWithAssertionAsync();
        var changed = _files.Write($"closed-{Guid.NewGuid():N}.policy.json", SgdServer.Changed(document, SgdServer.DropInboundRules));

        var run = _server.Run(token, "propose", name, changed, "--title", "Close everything inbound", "--description", "from CI");

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        var request = await OnlyRequestAsync(policyId);
        Assert.Equal("Close everything inbound", request.GetProperty("title").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString()!.ToLowerInvariant());
        var requestId = request.GetProperty("id").GetGuid();
        Assert.Contains($"{_server.Url}/requests/{requestId}", run.Stdout);
        Assert.Contains("line 1 breaks", run.Stdout);
        Assert.EndsWith("Not ready to merge: it breaks 1 assertion(s).\n", run.Stdout);

        // The request's impact closes exactly the flows sgd diff says the file closes.
        var diff = JsonDocument.Parse(SgdOnExports.Run("diff", _files.Write($"base-{Guid.NewGuid():N}.policy.json", document), changed, "--json").Stdout).RootElement;
        var impact = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}/impact", Token);
        Assert.Equal(Pairs(diff, "closes"), impact.GetProperty("closed").EnumerateArray().Select(f => (f.GetProperty("from").GetString()!, f.GetProperty("to").GetString()!)).Order().ToList());
        Assert.Equal(Pairs(diff, "opens"), impact.GetProperty("opened").EnumerateArray().Select(f => (f.GetProperty("from").GetString()!, f.GetProperty("to").GetString()!)).Order().ToList());
        Assert.NotEmpty(Pairs(diff, "closes"));
        foreach (var (from, to) in Pairs(diff, "closes"))
            Assert.Contains($"closes {from} -> {to}: ", run.Stdout);
    }

    [Fact]
    public async Task With_json_it_prints_the_request_whether_it_is_ready_and_the_servers_impact()
    {
        var token = await _server.NewTokenAsync();
        var (policyId, name, document) = await PolicyWithAssertionAsync();
        var changed = _files.Write($"closed-{Guid.NewGuid():N}.policy.json", SgdServer.Changed(document, SgdServer.DropInboundRules));

        var run = _server.Run(token, "propose", name, changed, "--title", "Close inbound (json)", "--json");

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        var output = JsonDocument.Parse(run.Stdout).RootElement;
        var requestId = output.GetProperty("request").GetProperty("id").GetGuid();
        Assert.Equal((await OnlyRequestAsync(policyId)).GetProperty("id").GetGuid(), requestId);
        Assert.Equal($"{_server.Url}/requests/{requestId}", output.GetProperty("request").GetProperty("url").GetString());
        Assert.Equal(policyId, output.GetProperty("request").GetProperty("policyId").GetGuid());
        Assert.False(output.GetProperty("ready").GetBoolean());
        Assert.Equal("it breaks 1 assertion(s)", output.GetProperty("blocking").GetString());
        var impact = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}/impact", Token);
        Assert.True(JsonElement.DeepEquals(impact, output.GetProperty("impact")), output.GetProperty("impact").GetRawText());
    }

    [Fact]
    public async Task A_change_that_breaks_nothing_opens_a_request_and_exits_0()
    {
        var token = await _server.NewTokenAsync();
        var (policyId, name, document) = await PolicyWithAssertionAsync();
        var changed = _files.Write($"opened-{Guid.NewGuid():N}.policy.json", SgdServer.Changed(document, SgdServer.AddPrivateRule));

        var run = _server.Run(token, "propose", name, changed, "--title", "Open 8443 to the office");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var request = await OnlyRequestAsync(policyId);
        Assert.StartsWith($"Opened change request #{request.GetProperty("number").GetInt32()} \"Open 8443 to the office\" on {name}: {_server.Url}/requests/{request.GetProperty("id").GetGuid()}\n", run.Stdout);
        Assert.Contains("opens ", run.Stdout);
        Assert.Contains("tcp 8443", run.Stdout);
        // The request's draft stays open under it; nothing else was made.
        Assert.Equal((1, 1), await _server.CountsAsync(policyId));
    }

    [Theory]
    [InlineData("{\"schemaVersion\": 1, \"name\": \"broken\", \"groups\": [", "")]
    [InlineData("not json at all", "")]
    [InlineData("", "rule")]
    public async Task A_bad_file_is_exit_2_naming_it_and_leaves_no_draft_and_no_request(string text, string kind)
    {
        var token = await _server.NewTokenAsync();
        var (policyId, name, document) = await PolicyWithAssertionAsync();
        // A well-formed document whose content the model refuses: a rule with a port range upside down.
        var bad = kind == "rule"
            ? SgdServer.Changed(document, groups => groups[0]!["rules"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = "sgr-0bad0bad0bad0bad0", ["direction"] = "inbound", ["protocol"] = "tcp", ["fromPort"] = 9000, ["toPort"] = 80, ["cidr"] = "10.0.0.0/8",
            }))
            : text;
        var file = _files.Write($"bad-{Guid.NewGuid():N}.policy.json", bad);
        var before = await _server.CountsAsync(policyId);

        var run = _server.Run(token, "propose", name, file, "--title", "Broken");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {file}: ", run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.Equal(before, await _server.CountsAsync(policyId));
    }

    [Fact]
    public async Task Propose_without_a_title_or_a_server_is_a_usage_error()
    {
        var token = await _server.NewTokenAsync();

        Assert.Contains("--title is required", _server.Run(token, "propose", "x", "y.json").Stderr);
        var run = SgdOnExports.Run("propose", "x", "y.json", "--title", "t");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs --server URL", run.Stderr);
    }

    private async Task<JsonElement> OnlyRequestAsync(Guid policyId)
    {
        return Assert.Single(await fixture.Client.AllPagesAsync($"/api/policies/{policyId}/requests"));
    }

    // The (from, to) labels of the flows a diff opens or closes, as the impact lists them.
    private static List<(string, string)> Pairs(JsonElement diff, string side) =>
        [.. diff.GetProperty("reachability").EnumerateArray().Where(c => c.GetProperty(side).GetArrayLength() > 0)
            .Select(c => (c.GetProperty("from").GetProperty("label").GetString()!, c.GetProperty("to").GetProperty("label").GetString()!)).Order()];

    // A tcp flow the matrix allows from one ENI to another (a port of its first tcp cell, or 443 when all is allowed).
    private static (string From, string To, int Port) AllowedTcpFlow(string matrixJson)
    {
        var matrix = JsonDocument.Parse(matrixJson).RootElement;
        var enis = matrix.GetProperty("enis").EnumerateArray().Select(e => (Id: e.GetProperty("id").GetString()!, Class: e.GetProperty("class").GetInt32())).ToList();
        foreach (var cell in matrix.GetProperty("cells").EnumerateArray())
        {
            var from = enis.First(e => e.Class == cell.GetProperty("from").GetInt32()).Id;
            if (enis.FirstOrDefault(e => e.Class == cell.GetProperty("to").GetInt32() && e.Id != from).Id is not { } to)
                continue;
            foreach (var entry in cell.GetProperty("allowed").EnumerateArray())
            {
                var protocol = entry.GetProperty("protocol").GetString();
                if (protocol == "all")
                    return (from, to, 443);
                if (protocol == "tcp")
                    return (from, to, entry.GetProperty("ports")[0][0].GetInt32());
            }
        }
        throw new InvalidOperationException("the demo allows no tcp flow between two ENIs");
    }

    /// <inheritdoc />
    public void Dispose() => _files.Dispose();
}
