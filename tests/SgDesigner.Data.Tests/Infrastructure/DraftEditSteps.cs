using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Tests;

/// <summary>Core's edits stored through <see cref="PolicyStore.EditDraftAsync"/>, as the tests' steps name them.</summary>
internal static class DraftEditSteps
{
    public static Task<StoreResult<DraftInfo>> UpsertRuleAsync(this PolicyStore store, Guid draftId, long version, string groupId, Rule rule, AuditActor actor, CancellationToken ct) =>
        store.EditDraftAsync(draftId, version, GroupEdits.PutRule(groupId, rule), actor, ct);

    public static Task<StoreResult<DraftInfo>> UpsertGroupAsync(this PolicyStore store, Guid draftId, long version, SecurityGroup group, AuditActor actor, CancellationToken ct) =>
        store.EditDraftAsync(draftId, version, GroupEdits.Put(group), actor, ct);

    public static Task<StoreResult<DraftInfo>> DeleteGroupAsync(this PolicyStore store, Guid draftId, long version, string groupId, AuditActor actor, CancellationToken ct) =>
        store.EditDraftAsync(draftId, version, GroupEdits.Remove(groupId), actor, ct);

    public static Task<StoreResult<DraftInfo>> DeleteNetworkInterfaceAsync(this PolicyStore store, Guid draftId, long version, string eniId, AuditActor actor, CancellationToken ct) =>
        store.EditDraftAsync(draftId, version, InventoryEdits.RemoveNetworkInterface(eniId), actor, ct);

    /// <summary>Removes a rule from whichever group holds it.</summary>
    public static Task<StoreResult<DraftInfo>> DeleteRuleAsync(this PolicyStore store, Guid draftId, long version, string ruleId, AuditActor actor, CancellationToken ct) =>
        store.EditDraftAsync(draftId, version, e => GroupEdits.RemoveRule(e.Groups.FirstOrDefault(g => g.Rules.Any(r => r.Id == ruleId))?.Id ?? "", ruleId)(e), actor, ct);
}
