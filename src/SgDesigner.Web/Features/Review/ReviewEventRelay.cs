using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using SgDesigner.Data.Hosting;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// Live updates across app nodes through PostgreSQL's <c>LISTEN/NOTIFY</c>: what <see cref="ReviewEvents"/> raises on
/// this node is sent on one channel, and what the other nodes send is delivered to this node's listeners. Nothing
/// new to run beside the database the nodes already share. Runs only on PostgreSQL (<c>Review:Events:Relay</c>,
/// default <c>auto</c>; <c>off</c> keeps events in process). Notifications are not stored: a node that is
/// reconnecting misses what was sent meanwhile (its pages load fresh data on their next change or visit).
/// </summary>
public sealed partial class ReviewEventRelay(
    ReviewEvents events, StorageSettings storage, IConfiguration configuration, ILogger<ReviewEventRelay> log) : BackgroundService
{
    /// <summary>The notification channel every node listens on.</summary>
    public const string Channel = "sgd_review_events";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Guid _node = Guid.NewGuid();
    private readonly Channel<ReviewEvent> _outgoing = System.Threading.Channels.Channel.CreateBounded<ReviewEvent>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node listens (again), so a test or a health check can wait for it.</summary>
    public Task Listening => _listening.Task;

    /// <summary>Whether the relay runs with these settings: on PostgreSQL unless turned off.</summary>
    public static bool IsWanted(StorageSettings storage, IConfiguration configuration) =>
        storage.Provider == StorageProvider.Postgres
        && !string.Equals(configuration["Review:Events:Relay"], "off", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsWanted(storage, configuration))
            return;
        events.RaisedHere += Enqueue;
        try
        {
            await Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            events.RaisedHere -= Enqueue;
        }
    }

    private void Enqueue(ReviewEvent change) => _outgoing.Writer.TryWrite(change);

    private async Task ListenAsync(CancellationToken ct)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(storage.ConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, n) => Receive(n.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                _listening.TrySetResult();
                pause = TimeSpan.FromSeconds(1);
                while (true)
                    await connection.WaitAsync(ct);
            }
            // Whatever breaks the connection, listen again: an exception leaving a hosted service would stop the app.
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (_listening.Task.IsCompleted)
                    _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
                LogListenFailed(e.Message, pause.TotalSeconds);
                await Task.Delay(pause, ct);
                pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
            }
        }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        NpgsqlConnection? connection = null;
        try
        {
            await foreach (var change in _outgoing.Reader.ReadAllAsync(ct))
            {
                var payload = JsonSerializer.Serialize(new RelayedEvent(_node, change.Kind.ToString(), change.PolicyId, change.RequestId, change.DraftId), Json);
                try
                {
                    if (connection is null)
                    {
                        connection = new NpgsqlConnection(storage.ConnectionString);
                        await connection.OpenAsync(ct);
                    }
                    await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    notify.Parameters.AddWithValue("channel", Channel);
                    notify.Parameters.AddWithValue("payload", payload);
                    await notify.ExecuteNonQueryAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // One lost notification beats a stalled queue; the next one opens a new connection.
                    LogSendFailed(change.Kind.ToString(), e.Message);
                    if (connection is not null)
                        await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        finally
        {
            if (connection is not null)
                await connection.DisposeAsync();
        }
    }

    private void Receive(string payload)
    {
        RelayedEvent? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize<RelayedEvent>(payload, Json);
        }
        catch (JsonException)
        {
            relayed = null;
        }
        if (relayed is null || !Enum.TryParse<ReviewEventKind>(relayed.Kind, out var kind))
        {
            LogUnreadable(payload.Length > 200 ? payload[..200] : payload);
            return;
        }
        if (relayed.Node == _node)
            return;
        events.Deliver(new ReviewEvent(kind, relayed.PolicyId, relayed.RequestId, relayed.DraftId));
    }

    private sealed record RelayedEvent(Guid Node, string Kind, Guid? PolicyId, Guid? RequestId, Guid? DraftId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live updates from other nodes stopped ({Reason}); listening again in {Seconds} s")]
    private partial void LogListenFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live update ({Kind}) was not sent to the other nodes: {Reason}")]
    private partial void LogSendFailed(string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification on the review channel could not be read: {Payload}")]
    private partial void LogUnreadable(string payload);
}
