using System.ComponentModel;
using System.Globalization;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Plans;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Engine;

/// <summary><c>POST /api/policies/{policyId}/plan-impact</c>: <c>sgd impact --plan --json</c> over HTTP, on a revision.</summary>
public static class PlanImpactEndpoints
{
    private const string Words =
        "sgd impact --plan PLAN --policy POLICY --json: the body is a Terraform plan as `terraform show -json tfplan` prints it. Its creates, " +
        "updates and deletes of aws_security_group, aws_default_security_group, aws_security_group_rule and " +
        "aws_vpc_security_group_ingress_rule/_egress_rule, aws_network_acl, aws_default_network_acl, aws_network_acl_rule and " +
        "aws_network_acl_association are applied to the revision (the newest, or 'revision'): a group (or ACL) the plan creates is " +
        "the policy's group (ACL) of the same VPC and name; a flow an ACL change decides lists the ACL resources behind it (aclRules). The answer lists the plan's resources, sgd diff's fields with each rule resource's " +
        "address as its rule id, and the gates: the policy's own assertions (its settings) that held before and fail after, and error " +
        "findings the plan adds (with the policy's lint settings: rules past review-by, and SGD041 when justifications are required); 'verdict' is opens-nothing, opens or blocked (sgd impact's exit 0, 1, 3). A blocked plan is an answer, " +
        "not an error. A body that is not a plan (a state, malformed JSON, an unknown action) is a 400 keyed at its place in the plan " +
        "(plan:$.resource_changes[0].change.actions), as the snapshot upload keys a state's; a resource the provider would refuse is a 400 at " +
        "the resource's place (plan:$.resource_changes[2]) naming its address and field; " +
        "assertions of the settings that name an endpoint the revision lacks are a 422.";

    /// <summary>Maps the endpoint.</summary>
    internal static void Map(IEndpointRouteBuilder app)
    {
        var policy = app.MapGroup("/api/policies/{policyId:guid}").WithTags(EngineApi.Tag);
        policy.RequirePolicyAccess(PolicyAction.View);
        policy.MapPost("/plan-impact", Handle).WithName("PlanImpact")
            .WithSummary("The flows a Terraform plan opens and closes on a revision, as sgd impact --plan --json")
            .WithDescription(Words)
            .Accepts<object>("application/json")
            .Produces<PlanImpactResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> Handle(
        [Description(EngineApi.Words.PolicyId)] Guid policyId, [Description("The revision's number; the newest when left out.")] int? revision,
        HttpRequest request, PolicyStore store, PolicySettingsStore settings, TimeProvider clock, CancellationToken ct)
    {
        var body = await RequestText.ReadAsync(request, ct);
        if (revision is <= 0)
            return AnswerResults.Invalid("revision", $"{revision} is not a revision number: give 1 or more, or leave it out for the newest");
        var subject = await EngineSubject.RevisionAsync(store, policyId, revision?.ToString(CultureInfo.InvariantCulture) ?? EngineSubject.Latest, ct);
        if (!subject.IsOk)
            return AnswerResults.Failure(subject.Failure!);
        if (string.IsNullOrWhiteSpace(body))
            return AnswerResults.Invalid("plan", "the body is empty: send the plan as `terraform show -json tfplan` prints it");
        var (plan, error) = TerraformPlanReader.ReadAt(body, "plan");
        if (plan is null)
            return AnswerResults.Invalid(error!.Path, error.Message);
        var stored = await settings.GetAsync(policyId, ct);
        if (!stored.IsOk)
            return AnswerResults.Failure(stored.Failure!);
        var assertions = AssertionParser.Parse(stored.Value.Assertions);
        var impact = PlanImpact.Of(plan, subject.Value.Estate, assertions.IsOk ? assertions.Assertions : [], stored.Value.LintOptions(clock.GetUtcNow().UtcDateTime));
        if (!impact.IsOk)
        {
            var at = PlanImpact.ErrorAt(impact, "plan");
            return AnswerResults.Invalid(at.Path, at.Message);
        }
        if (!assertions.IsOk || impact.Value.AssertionError is not null)
        {
            var (place, message) = impact.Value.AssertionError ?? (assertions.Errors[0].Path, assertions.Errors[0].Message);
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [$"assertions[{place}]"] = [message] })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The policy's assertions cannot gate this plan",
                Detail = $"An assertion of the policy's settings does not apply to this revision: assertions[{place}]: {message}",
            });
        }
        return AnswerResults.JsonText(PlanImpactAnswer.Json(impact.Value));
    }
}
