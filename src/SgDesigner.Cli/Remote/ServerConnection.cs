using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Remote.Client;
using SgDesigner.Cli.Remote.Client.Models;
using SgDesigner.Core.Validation;

namespace SgDesigner.Cli.Remote;

/// <summary>
/// The server a command runs against (<c>--server</c>/<c>SGD_SERVER</c>, <c>--token</c>/<c>SGD_TOKEN</c>), with the
/// generated client. Every call goes through <see cref="Call{T}"/>, which turns what can go wrong on the wire into one
/// line and exit 2 (cli.md "Against a server"); no message ever contains the token.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    /// <summary>The environment variables read when the options are not given.</summary>
    public const string ServerVariable = "SGD_SERVER", TokenVariable = "SGD_TOKEN";

    private readonly HttpClient _http;

    private ServerConnection(Uri server, string? token)
    {
        Server = server;
        HasToken = token is not null;
        _http = KiotaClientFactory.Create();
        if (token is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The token goes in the client's own header (Kiota's bearer provider refuses plain http, which a local server uses).
        Adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: _http)
        {
            BaseUrl = server.GetLeftPart(UriPartial.Path).TrimEnd('/'),
        };
        Client = new SgdServerClient(Adapter);
    }

    /// <summary>The options every command that can run on a server takes.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("--server", Description: $"run on the SgDesigner server at URL (or ${ServerVariable}): POLICY is then a policy's name or id, NAME@N for revision N, NAME@latest (the default)", ValueName: "URL"),
        new("--token", Description: $"a personal access token for the server (or ${TokenVariable}); never printed", ValueName: "TOKEN"),
    ];

    /// <summary>The server's URL, as given (for messages and links).</summary>
    public Uri Server { get; }

    /// <summary>The URL as people read it, without a trailing slash.</summary>
    public string Name => Server.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>The generated client.</summary>
    public SgdServerClient Client { get; }

    /// <summary>The adapter, for requests whose answer is read as text.</summary>
    public IRequestAdapter Adapter { get; }

    private bool HasToken { get; }

    /// <summary>The server the command line names, or null to work on files.</summary>
    public static ServerConnection? From(ParsedArguments args)
    {
        var server = args.Value("--server") ?? NonEmpty(args.Environment(ServerVariable));
        var token = args.Value("--token") ?? NonEmpty(args.Environment(TokenVariable));
        if (server is null)
        {
            if (args.Has("--token"))
                throw args.Usage($"--token needs --server (or {ServerVariable})");
            return null;
        }
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw args.Usage($"--server: {QuotedValue.Of(server)} is not an http or https URL");
        return new ServerConnection(uri, token);
    }

    /// <summary>The address of a page of the app, e.g. <c>/requests/{id}</c>.</summary>
    public string PageUrl(string path) => Name + path;

    /// <summary>Runs one call to the server, synchronously; a failure is a <see cref="CliError"/> naming the server and the status.</summary>
    public T Call<T>(Func<CancellationToken, Task<T>> call)
    {
        try
        {
            // Off the caller's synchronization context, so waiting cannot deadlock.
            return Task.Run(() => call(CancellationToken.None)).GetAwaiter().GetResult();
        }
        catch (ApiException e)
        {
            throw new CliError(Refusal(e));
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException tls)
        {
            throw new CliError($"TLS failure talking to {Name}: {tls.Message}");
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException socket ? socket.Message : e.Message;
            throw new CliError($"cannot reach {Name}: {reason}");
        }
        catch (TaskCanceledException)
        {
            throw new CliError($"{Name} did not answer in time ({_http.Timeout.TotalSeconds:0} s)");
        }
    }

    /// <summary>The answer to <paramref name="request"/> as text, as the server wrote it (the engine's answers are sgd's text).</summary>
    public string Text(RequestInformation request)
    {
        var errors = new Dictionary<string, ParsableFactory<IParsable>>
        {
            ["400"] = HttpValidationProblemDetails.CreateFromDiscriminatorValue,
            ["XXX"] = ProblemDetails.CreateFromDiscriminatorValue,
        };
        return Call(async ct =>
        {
            await using var body = await Adapter.SendPrimitiveAsync<Stream>(request, errors, ct) ?? Stream.Null;
            using var reader = new StreamReader(body);
            return await reader.ReadToEndAsync(ct);
        });
    }

    /// <summary>The request's problems at their places (a 400's <c>errors</c>), or null when it is another refusal.</summary>
    public static IReadOnlyList<(string Place, string Message)>? InvalidInput(ApiException e) =>
        e is HttpValidationProblemDetails { Errors.AdditionalData: { Count: > 0 } fields }
            ? [.. fields.SelectMany(f => Messages(f.Value).Select(m => (f.Key, m)))]
            : null;

    private string Refusal(ApiException e)
    {
        var detail = e switch
        {
            HttpValidationProblemDetails v when InvalidInput(v) is { } errors => string.Join("; ", errors.Select(x => $"{x.Place}: {x.Message}")),
            HttpValidationProblemDetails v => v.Detail ?? v.Title,
            ProblemDetails p => p.Detail ?? p.Title,
            _ => null,
        };
        var said = string.IsNullOrWhiteSpace(detail) ? "" : $": {detail}";
        return e.ResponseStatusCode switch
        {
            400 => $"{Name} refused the request (400){said}",
            401 => HasToken
                ? $"{Name} refused the token (401 Unauthorized){said}"
                : $"{Name} needs a token (401 Unauthorized): give --token or set {TokenVariable}",
            403 => $"{Name} refused it (403 Forbidden){said}",
            404 => $"{Name}: not found (404){said}",
            429 => $"{Name} is rate-limiting this token (429 Too Many Requests): retry later",
            var status => $"{Name} answered {status} {(HttpStatusCode)status}{said}",
        };
    }

    private static IEnumerable<string> Messages(object value) => value switch
    {
        UntypedArray array => array.GetValue().Select(v => v is UntypedString s ? s.GetValue() ?? "" : v.ToString() ?? ""),
        UntypedString s => [s.GetValue() ?? ""],
        _ => [value.ToString() ?? ""],
    };

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
