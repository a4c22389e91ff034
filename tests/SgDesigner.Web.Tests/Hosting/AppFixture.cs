namespace SgDesigner.Web.Tests.Hosting;

/// <summary>One running app and its own database, shared by the tests of one class.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    private readonly TestDatabase _database;

    /// <summary>Starts nothing yet: the server starts on first use.</summary>
    protected AppFixture(TestDatabase database)
    {
        _database = database;
        App = new SgDesignerApp(database.Settings);
    }

    /// <summary>The app under test.</summary>
    public SgDesignerApp App { get; }

    /// <summary>A client over real HTTP to the app.</summary>
    public HttpClient Client { get; private set; } = default!;

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        Client = App.CreateHttpClient();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app on a SQLite file of its own.</summary>
public sealed class SqliteApp() : AppFixture(new SqliteTestDatabase());

/// <summary>The app on a PostgreSQL database of its own.</summary>
public sealed class PostgresApp() : AppFixture(new PostgresTestDatabase());
