using System.Net;
using SgDesigner.Web.Tests.Accounts;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// A browser behind a reverse proxy: every request carries the headers the proxy adds (<c>X-Forwarded-Proto</c>,
/// <c>X-Forwarded-For</c>, the public Host), and it keeps cookies itself, Secure ones included, because the hop to
/// the app is plain HTTP (a <see cref="CookieContainer"/> would not send a Secure cookie over it).
/// </summary>
public sealed class ProxiedBrowser(Uri baseAddress, IReadOnlyDictionary<string, string> headers) : IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    private readonly Dictionary<string, string> _cookies = [];

    /// <summary>Every Set-Cookie header the app has sent, as sent.</summary>
    public List<string> SetCookies { get; } = [];

    /// <summary>A GET through the proxy.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Loads <paramref name="path"/>, fills the form named <paramref name="formName"/> and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IReadOnlyDictionary<string, string> values)
    {
        var page = await (await GetAsync(path)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var (action, fields) = BrowserForm.Form(page, formName, path);
        foreach (var (name, value) in values)
            fields[name] = value;
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) });
    }

    /// <summary>Sends <paramref name="request"/> with the proxy's headers and the cookies.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                request.Headers.Host = value;
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        if (_cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            SetCookies.Add(cookie);
            var pair = cookie.Split(';')[0].Split('=', 2);
            _cookies[pair[0]] = pair[1];
        }
        return response;
    }

    /// <summary>The attributes of the Set-Cookie header that set the cookie whose name starts with <paramref name="prefix"/>, lower-cased.</summary>
    public IReadOnlyList<string> CookieAttributes(string prefix) =>
        [.. SetCookies.Last(c => c.StartsWith(prefix, StringComparison.Ordinal)).Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())];

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
