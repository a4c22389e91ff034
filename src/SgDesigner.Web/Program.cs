using SgDesigner.Web.Features.Audit;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Drift;
using SgDesigner.Web.Features.Engine;
using SgDesigner.Web.Features.Export;
using SgDesigner.Web.Features.Findings;
using SgDesigner.Web.Features.Graph;
using SgDesigner.Web.Features.Import;
using SgDesigner.Web.Features.Instances;
using SgDesigner.Web.Features.Members;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Features.Tokens;
using SgDesigner.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSgDesigner();

var app = builder.Build();
app.UseSgDesigner();

app.MapPoliciesApi();
app.MapRevisionsApi();
app.MapRevisionHistoryApi();
app.MapRuleSearchApi();
app.MapDraftsApi();
app.MapDraftContentApi();
app.MapNetworksApi();
app.MapGroupsApi();
app.MapRulesApi();
app.MapPrefixListsApi();
app.MapNetworkAclsApi();
app.MapInstancesApi();
app.MapNetworkInterfacesApi();
app.MapExportApi();
app.MapImportApi();
app.MapReviewApi();
app.MapMembersApi();
app.MapTokensApi();
app.MapSettingsApi();
app.MapQuotasApi();
app.MapAuditApi();
app.MapFindingsApi();
app.MapSnapshotsApi();
app.MapEngineApi();
app.MapGraphLayoutApi();

await app.RunAsync();
