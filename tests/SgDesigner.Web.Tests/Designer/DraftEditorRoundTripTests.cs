using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// How many commands a draft edit sends to the database through <see cref="DraftEditor"/>: once the draft's content is
/// known from its previous edit, a single-rule edit is the access check, one write batch and the dismissal of stale
/// approvals (the commit aside), on both providers.
/// </summary>
public sealed class DraftEditorRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task A_single_rule_edit_sends_at_most_three_commands_on_sqlite() => CountAsync(new SqliteTestDatabase());

    [Fact]
    public Task A_single_rule_edit_sends_at_most_three_commands_on_postgres() => CountAsync(new PostgresTestDatabase());

    private static async Task CountAsync(TestDatabase database)
    {
        await using var _ = database;
        var commands = new CommandCounter();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(database.Settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SeedDemo"] = "false" }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPolicyStorage(settings, Path.GetTempPath());
        services.ConfigureDbContext<SgDbContext>(options => options.AddInterceptors(commands));
        services.AddDesigner();
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateAndSeedAsync(Ct);
        var caller = await EditorCallerAsync(provider);
        var store = provider.GetRequiredService<PolicyStore>();
        var policy = (await store.CreatePolicyAsync($"count-{Guid.NewGuid():N}", null, DemoEstate.Build(), caller.Actor, Ct)).Value;
        var draft = (await store.CreateDraftAsync(policy.Id, null, "count", caller.Actor, Ct)).Value;
        var editor = provider.GetRequiredService<DraftEditor>();
        var rule = new Rule("sgr-00000000000c0u47", Direction.Inbound, IpProtocol.Tcp, 8080, 8080, new CidrPeer(Cidr.Parse("10.9.0.0/16").Value));

        commands.Count = 0;
        var first = (await editor.EditAsync(caller, draft.Id, draft.Version, GroupEdits.PutRule(DemoEstate.Web, rule), Ct)).Value;
        var firstEdit = commands.Count;
        commands.Count = 0;
        var second = await editor.EditAsync(caller, draft.Id, first.Version, GroupEdits.PutRule(DemoEstate.Web, rule with { ToPort = 8081 }), Ct);
        var steadyEdit = commands.Count;

        TestContext.Current.SendDiagnosticMessage($"{database.GetType().Name}: first edit {firstEdit} commands, next edit {steadyEdit}");
        Assert.True(second.IsOk, second.ToString());
        Assert.True(steadyEdit <= 3, $"a single-rule edit sent {steadyEdit} commands (the first one {firstEdit})");
        var stored = (await store.GetDraftAsync(draft.Id, Ct)).Value;
        Assert.Equal(8081, stored.Estate.FindGroup(DemoEstate.Web)!.Rules.Single(r => r.Id == rule.Id).ToPort);
    }

    // An owner of the policies they create: signed in with a password, no token.
    private static async Task<Caller> EditorCallerAsync(IServiceProvider provider)
    {
        var email = $"counter.{Guid.NewGuid():N}@example.test";
        var user = new SgUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = "Counter", CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString(),
        };
        await using var db = await provider.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(Ct);
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        return new Caller(user.Id, email, "Counter", false, null, null);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref Count);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Interlocked.Increment(ref Count);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Interlocked.Increment(ref Count);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return ValueTask.FromResult(result);
        }
    }
}
