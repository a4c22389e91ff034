using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.E2E.Tests.Policies;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Designer;

/// <summary>
/// The story: a user imports an estate whose database subnet has a network ACL letting replies out only to
/// ports 1024–5000, sees web → db on 5432 blocked with the ACL rule number named (Linux clients use 32768–60999), fixes
/// the reply rule in the Network ACLs tab, and sees the preview allow it.
/// </summary>
public sealed class NetworkAclJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Vpc = "vpc-0000000000000ac01", WebSubnet = "subnet-000000000000ac01", DbSubnet = "subnet-000000000000ac02";

    [Fact]
    public async Task A_flow_blocked_by_an_acl_reply_rule_is_fixed_in_the_acl_tab_and_the_preview_allows_it()
    {
        var name = $"acl journey {Guid.NewGuid():N}";
        await using var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(session.App.BaseAddress.ToString());
        await Expect(page.GetByTestId("new-policy")).ToBeEnabledAsync();
        await page.GetByTestId("import").ClickAsync();
        await Expect(page.GetByTestId("choose-files")).ToBeEnabledAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "acl-estate.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes(PolicyDocumentJson.Write(new PolicyDocument(name, null, Estate()))),
        });
        await Expect(page.GetByTestId("import-preview").Or(page.GetByTestId("import-errors"))).ToBeVisibleAsync();
        var refused = page.GetByTestId("import-errors");
        Assert.True(await refused.CountAsync() == 0, await refused.CountAsync() == 0 ? "" : await refused.TextContentAsync());
        await page.Field("import-name").FillAsync(name);
        await page.GetByTestId("create-policy").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/policies/[0-9a-f-]{36}$"));
        await page.GetByTestId("new-draft").ClickAsync();
        await Expect(page.GetByTestId("draft-title")).ToBeVisibleAsync();

        await page.AskPreviewAsync("web-1", "db-1", "5432");
        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Denied");
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("drops the replies");
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("rule #200");
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("32768–60999");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "acl-blocked.png"), FullPage = true });

        // The matrix counts the ACLs too.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Matrix" }).ClickAsync();
        await Expect(page.GetByTestId("matrix-view")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Network ACLs" }).ClickAsync();
        await page.GetByTestId("acl-subnet").SelectOptionAsync(DbSubnet);
        var reply = page.Locator("[data-testid=acl-outbound] [data-rule='outbound#100']");
        await Expect(reply).ToContainTextAsync("1024-5000");
        await reply.GetByTestId("acl-edit").ClickAsync();
        await page.Field("acl-form-ports").FillAsync("1024-65535");
        await page.Field("acl-form-ports").PressAsync("Tab");
        await page.GetByTestId("acl-form-save").ClickAsync();
        await Expect(reply).ToContainTextAsync("1024-65535");

        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("Allowed");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "acl-fixed.png"), FullPage = true });

        // Stored: a reload shows the fixed rule.
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Network ACLs" }).ClickAsync();
        await page.GetByTestId("acl-subnet").SelectOptionAsync(DbSubnet);
        await Expect(page.Locator("[data-testid=acl-outbound] [data-rule='outbound#100']")).ToContainTextAsync("1024-65535");
    }

    // web-1 in one subnet, db-1 in another; db admits PostgreSQL from web. The db subnet's ACL admits the request but
    // lets replies out only to 1024-5000 (#100) and denies the rest (#200).
    private static Estate Estate()
    {
        var tags = ImmutableSortedDictionary<string, string>.Empty;
        var any = Cidr.AnyV4;
        var vpcBlock = Cidr.Parse("10.0.0.0/16").Value;
        return Core.Model.Estate.Empty with
        {
            Vpcs = [new Vpc(Vpc, "shop", [vpcBlock])],
            Subnets =
            [
                new Subnet(WebSubnet, Vpc, Cidr.Parse("10.0.1.0/24").Value, Name: "web"),
                new Subnet(DbSubnet, Vpc, Cidr.Parse("10.0.2.0/24").Value, Name: "db"),
            ],
            Groups =
            [
                new SecurityGroup("sg-00000000000000eb1", "web", "web servers", Vpc, tags,
                    [new Rule("sgr-00000000000000eb1", Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(any))]),
                new SecurityGroup("sg-00000000000000db1", "db", "database", Vpc, tags,
                    [new Rule("sgr-00000000000000db1", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-00000000000000eb1"))]),
            ],
            Instances = [new Instance("i-00000000000000eb1", "web-1", tags), new Instance("i-00000000000000db1", "db-1", tags)],
            NetworkInterfaces =
            [
                new NetworkInterface("eni-00000000000000eb1", Vpc, WebSubnet, "i-00000000000000eb1", 0, [IpAddress.Parse("10.0.1.10").Value], null, ["sg-00000000000000eb1"]),
                new NetworkInterface("eni-00000000000000db1", Vpc, DbSubnet, "i-00000000000000db1", 0, [IpAddress.Parse("10.0.2.20").Value], null, ["sg-00000000000000db1"]),
            ],
            NetworkAcls =
            [
                new NetworkAcl("acl-000000000000000d1", Vpc, false, [DbSubnet],
                    [new NetworkAclEntry(100, IpProtocol.Tcp, 5432, 5432, vpcBlock, AclAction.Allow)],
                    [
                        new NetworkAclEntry(100, IpProtocol.Tcp, 1024, 5000, vpcBlock, AclAction.Allow),
                        new NetworkAclEntry(200, IpProtocol.All, -1, -1, any, AclAction.Deny),
                    ], "db"),
            ],
        };
    }
}
