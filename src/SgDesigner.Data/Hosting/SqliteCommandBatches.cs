using Microsoft.EntityFrameworkCore.Update;

namespace SgDesigner.Data.Hosting;

/// <summary>
/// SQLite's provider sends each insert, update and delete of a save as a command of its own; this sends them in one
/// command of several statements, as on PostgreSQL, so that a draft edit is one command whatever it changes.
/// </summary>
internal sealed class SqliteCommandBatches(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    // SQLite allows 32,766 parameters per statement list; rows have at most a dozen columns.
    private const int MaxCommandsPerBatch = 1000;

    public ModificationCommandBatch Create() => new Batch(dependencies);

    private sealed class Batch(ModificationCommandBatchFactoryDependencies dependencies)
        : AffectedCountModificationCommandBatch(dependencies, MaxCommandsPerBatch);
}
