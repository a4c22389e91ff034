using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Designer;

public sealed partial class DesignSession
{
    /// <summary>Linter findings for <see cref="Estate"/>; empty while <see cref="Linting"/>.</summary>
    public ImmutableArray<Finding> Findings { get; private set; } = [];

    /// <summary>
    /// True while the findings of a large draft just loaded (and of the edits made since) are computed, off the circuit:
    /// the page shows the draft, and stores edits, without waiting for them (<see cref="LintAfterShowing"/>);
    /// <see cref="Changed"/> tells when they are in.
    /// </summary>
    public bool Linting { get; private set; }

    /// <summary>Drafts of more instances than this are shown before their whole findings are computed (about 0.7 s at 10,000).</summary>
    public const int LintAfterShowing = 2_000;

    // The findings of Estate: known, or computed off the circuit (a large draft just loaded, and the edits made since, each
    // linted incrementally from the findings before it once those are in). An edit never waits for them.
    private Task<ImmutableArray<Finding>> _lint = Task.FromResult(ImmutableArray<Finding>.Empty);

    // Today's date for SGD040 (rules past their review-by date), as of the last lint, and the policy's SGD041 choice.
    private LintOptions _lintOptions = LintOptions.None;

    private bool _requireJustification;

    private void Show(Estate estate, bool rebuild)
    {
        var options = new LintOptions(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), _requireJustification);
        if (rebuild && prepared.Find(estate, options) is { } kept)
        {
            Engine = kept.Engine;
            ShowFindings(estate, kept.Findings);
        }
        else
        {
            Engine = rebuild ? ReachabilityEngine.Build(estate) : Engine.Update(estate);
            if (rebuild && estate.Instances.Length > LintAfterShowing)
            {
                var engine = Engine;
                var lint = PrepareLarge(estate, engine, options);
                prepared.Keep(new PreparedDraft(Info!.Id, estate, engine, lint, options));
                ShowFindings(estate, lint);
            }
            else if (!rebuild && Linting)
            {
                // An edit while the findings before it are computed: its own follow from them, off the circuit as they are.
                var (before, beforeOptions, engine) = (Estate, _lintOptions, Engine);
                ShowFindings(estate, _lint.ContinueWith(
                    lint => lint.IsCompletedSuccessfully && options == beforeOptions
                        ? IncrementalLint.After(before, lint.Result, estate, engine, options)
                        : Linter.Lint(estate, engine, options),
                    CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default));
            }
            else
            {
                Linting = false;
                // An edit re-checks only the groups it can affect; a load (or a new day, which can make any rule overdue) lints the whole draft.
                Findings = rebuild || options != _lintOptions
                    ? Linter.Lint(estate, Engine, options)
                    : IncrementalLint.After(Estate, Findings, estate, Engine, options);
                _lint = Task.FromResult(Findings);
                if (rebuild)
                    prepared.Keep(new PreparedDraft(Info!.Id, estate, Engine, _lint, options));
            }
        }
        _lintOptions = options;
        Estate = estate;
        Changed?.Invoke();
    }

    private void ShowFindings(Estate estate, Task<ImmutableArray<Finding>> lint)
    {
        _lint = lint;
        if (lint.IsCompletedSuccessfully)
            (Findings, Linting) = (lint.Result, false);
        else
        {
            (Findings, Linting) = ([], true);
            _ = FindingsWhenLintedAsync(estate, lint);
        }
    }

    // Continues on the circuit (the caller's context), where the session's state is read and written.
    private async Task FindingsWhenLintedAsync(Estate estate, Task<ImmutableArray<Finding>> lint)
    {
        var findings = await lint;
        if (!ReferenceEquals(Estate, estate))
            return;
        (Findings, Linting) = (findings, false);
        Changed?.Invoke();
    }
}
