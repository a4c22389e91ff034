using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.History;

/// <summary>
/// A policy with three revisions, made through the store as the app makes them: 1 is the demo; 2 opens ssh to the web tier
/// from the internet (<see cref="SshFromInternet"/>); 3 removes the database tier's ssh from the bastion (<see cref="SshFromBastion"/>).
/// </summary>
public static class HistoryPolicy
{
    /// <summary>The rule revision 2 adds to the web group.</summary>
    public const string SshFromInternet = "sgr-0a1b00000000000f1";

    /// <summary>The database group's rule revision 3 removes.</summary>
    public const string SshFromBastion = "sgr-0a1b0000000000033";

    /// <summary>Creates the policy, owned by <paramref name="owner"/>, and returns its id.</summary>
    public static async Task<Guid> CreateAsync(AppFixture fixture, TestUser owner)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = fixture.App.Services.GetRequiredService<PolicyStore>();
        var policy = await store.CreatePolicyAsync($"history {Guid.NewGuid():N}", "three revisions", DemoEstate.Build(), owner.Actor, ct);
        Assert.True(policy.IsOk, policy.ToString());
        var sshFromInternet = new Rule(SshFromInternet, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4), "debugging, remove me");
        await PublishAsync(store, policy.Value.Id, owner, GroupEdits.PutRule(DemoEstate.Web, sshFromInternet), "open ssh from anywhere");
        await PublishAsync(store, policy.Value.Id, owner, GroupEdits.RemoveRule(DemoEstate.Db, SshFromBastion), "no ssh from the bastion to the database");
        return policy.Value.Id;
    }

    private static async Task PublishAsync(PolicyStore store, Guid policyId, TestUser owner, EstateEdit edit, string message)
    {
        var ct = TestContext.Current.CancellationToken;
        var draft = await store.CreateDraftAsync(policyId, null, message, owner.Actor, ct);
        Assert.True(draft.IsOk, draft.ToString());
        var edited = await store.EditDraftAsync(draft.Value.Id, draft.Value.Version, edit, owner.Actor, ct);
        Assert.True(edited.IsOk, edited.ToString());
        var published = await store.PublishDraftAsync(draft.Value.Id, message, owner.Actor, null, ct);
        Assert.True(published.IsOk, published.ToString());
    }
}
