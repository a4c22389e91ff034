using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The engine and lint findings of the draft contents designed lately, server-wide, so that a reload, a second tab or a
/// colleague opening the same version of a large draft finds them ready instead of building them again (the matrix's
/// tables come along: <see cref="Matrix.MatrixGrid"/> is kept per engine). Kept by the content itself: the store hands
/// every reader of a draft's version the same <see cref="Estate"/> instance (<c>DraftContentCache</c>), the one the
/// session that stored it shows, so an entry can never stand for other content. The least recently used go past
/// <see cref="Capacity"/>.
/// </summary>
public sealed class PreparedDrafts
{
    /// <summary>How many contents are kept (each holds an engine, and the matrix tables once a view asked for them).</summary>
    public const int Capacity = 8;

    // Most recently used first; a handful of entries, so a list under a lock.
    private readonly LinkedList<PreparedDraft> _entries = new();

    /// <summary>What was prepared for <paramref name="estate"/> (this very instance) with lint <paramref name="options"/>, or null.</summary>
    public PreparedDraft? Find(Estate estate, LintOptions options)
    {
        lock (_entries)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (!ReferenceEquals(node.Value.Estate, estate))
                    continue;
                _entries.Remove(node);
                _entries.AddFirst(node);
                return node.Value.Options == options ? node.Value : null;
            }
            return null;
        }
    }

    /// <summary>Keeps <paramref name="prepared"/>, in place of what was kept for the same content.</summary>
    public void Keep(PreparedDraft prepared)
    {
        lock (_entries)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (ReferenceEquals(node.Value.Estate, prepared.Estate))
                {
                    _entries.Remove(node);
                    break;
                }
            }
            _entries.AddFirst(prepared);
            while (_entries.Count > Capacity)
                _entries.RemoveLast();
        }
    }
}

/// <summary>A draft content's engine and its whole findings under <paramref name="Options"/>.</summary>
/// <param name="Estate">The content.</param>
/// <param name="Engine">Its reachability engine.</param>
/// <param name="Findings">Its lint findings.</param>
/// <param name="Options">The lint options the findings were computed with (today's date, the policy's SGD041 choice).</param>
public sealed record PreparedDraft(Estate Estate, ReachabilityEngine Engine, ImmutableArray<Finding> Findings, LintOptions Options);
