using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Tests.Shared;

/// <summary>How texts with ids are shown to people: names, with the ids kept for hover.</summary>
public sealed class IdNamesTests
{
    private static readonly IdNames s_names = IdNames.Of(Estate.Empty with
    {
        Groups = [new SecurityGroup("sg-0a1b", "demo-web", "", "vpc-1", ImmutableSortedDictionary<string, string>.Empty, []),
                  new SecurityGroup("sg-0a1c", "demo-alb", "", "vpc-1", ImmutableSortedDictionary<string, string>.Empty, [])],
        PrefixLists = [new PrefixList("pl-9", "corp", IpFamily.V4, [])],
        Instances = [new Instance("i-0123", "web-1", ImmutableSortedDictionary<string, string>.Empty)],
    });

    [Fact]
    public void A_deciding_rule_names_both_groups_and_keeps_their_ids()
    {
        var parts = s_names.Split("sg-0a1b outbound tcp 8443 to sg-0a1c");

        Assert.Equal("demo-web outbound tcp 8443 to demo-alb", string.Concat(parts.Select(p => p.Text)));
        Assert.Equal(["sg-0a1b", "sg-0a1c"], parts.Where(p => p.Id is not null).Select(p => p.Id));
    }

    [Fact]
    public void An_id_followed_by_its_name_is_shown_once()
    {
        Assert.Equal("demo-web + demo-alb → demo-web", s_names.Plain("sg-0a1b (demo-web) + sg-0a1c (demo-alb) → sg-0a1b"));
    }

    [Fact]
    public void Prefix_lists_and_instances_are_named_and_unknown_ids_and_other_accounts_groups_stay()
    {
        Assert.Equal("from corp on web-1, from sg-ffff, rule sgr-0a1b", s_names.Plain("from pl-9 on i-0123, from sg-ffff, rule sgr-0a1b"));
        // Another account's group is not the estate's group of the same local id.
        Assert.Equal("to 111122223333/sg-0a1c", s_names.Plain("to 111122223333/sg-0a1c"));
    }

    [Fact]
    public void Only_the_ids_a_text_mentions_are_kept_for_an_api_response()
    {
        Assert.Equal(["sg-0a1c"], s_names.Mentioned(["inbound tcp 443 from sg-0a1c", null]).Names.Keys);
    }
}
