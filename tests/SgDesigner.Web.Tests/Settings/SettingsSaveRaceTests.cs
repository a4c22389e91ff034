using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Settings;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Settings;

/// <summary>
/// Two owners saving a policy's settings at once: one from the settings page (<see cref="SettingsEditor"/>), one over
/// the HTTP API. The page's save is interrupted between each two of its store accesses in turn, and the other owner's
/// save lands there.
/// </summary>
public abstract class SettingsSaveRaceTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Settings(Guid policyId) => $"/api/policies/{policyId}/settings";

    private const string Mine = "{\"from\": \"10.0.1.5\", \"to\": \"10.0.2.9\", \"protocol\": \"tcp\", \"port\": 5432, \"expect\": \"allow\"}";
    private const string Theirs = "{\"from\": \"10.0.1.5\", \"to\": \"10.0.2.9\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"deny\"}";

    [Fact]
    public async Task A_save_interrupted_anywhere_by_another_owners_save_is_refused_as_a_whole_and_stores_nothing()
    {
        var ada = await fixture.NewUserAsync("Ada Owner");
        for (var pause = 1; ; pause++)
        {
            var policyId = await ada.Client.NewPolicyAsync();
            var bob = await fixture.NewUserAsync($"Bob Owner {pause}", policyId, PolicyRole.Owner);
            var read = (await fixture.App.Services.GetRequiredService<PolicySettingsStore>().GetAsync(policyId, Token)).Value;
            HttpStatusCode? theirs = null;
            var contexts = new PausingContexts(fixture.App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>(), pause, async () =>
                theirs = (await bob.Client.SendIfMatchAsync(HttpMethod.Put, Settings(policyId), Settings(policyId), new { assertions = Theirs })).StatusCode);
            var editor = ActivatorUtilities.CreateInstance<SettingsEditor>(PausingContexts.Around(fixture.App.Services, contexts));

            var mine = await editor.ApplyAsync(WriteTrace.PageCaller(ada), policyId, new SettingsChange(3, Mine, true, null), PolicySettingsStore.Tag(read), Token);

            if (!contexts.Paused)
            {
                // Every point between two store accesses of the save was tried; the save itself went through.
                Assert.True(pause > 1 && mine.IsOk, mine.ToString());
                break;
            }
            Assert.Equal(HttpStatusCode.OK, theirs);
            // Bob's save landed while Ada's was under way, over what Ada read or over part of her save: hers is refused
            // as stale, and none of it is stored (neither her approvals nor her switch), while Bob's stays.
            Assert.False(mine.IsOk, $"interrupted at store access {pause}, the save went through over the other owner's");
            Assert.NotNull(mine.Failure!.CurrentTag);
            var stored = (await fixture.App.Services.GetRequiredService<PolicySettingsStore>().GetAsync(policyId, Token)).Value;
            Assert.Equal((1, Theirs, false), (stored.RequiredApprovals, stored.Assertions, stored.AssertionsBlockMerge));
        }
    }
}

public sealed class SettingsSaveRaceSqliteTests(SqliteApp fixture) : SettingsSaveRaceTests(fixture), IClassFixture<SqliteApp>;

public sealed class SettingsSaveRacePostgresTests(PostgresApp fixture) : SettingsSaveRaceTests(fixture), IClassFixture<PostgresApp>;
