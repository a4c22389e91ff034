using System.Net;
using System.Text.RegularExpressions;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>
/// A cookie-keeping client that fills and posts the static sign-in and sign-up forms as a browser without JavaScript
/// would: every field of the form as rendered (antiforgery token and form name included), some replaced.
/// </summary>
public sealed partial class BrowserForm : IDisposable
{
    private readonly HttpClient _client;

    /// <summary>A client of the app at <paramref name="baseAddress"/> that follows no redirect, so tests see them.</summary>
    public BrowserForm(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    /// <summary>The browser's cookies.</summary>
    public CookieContainer Cookies { get; }

    /// <summary>A GET, with the cookies.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path, TestContext.Current.CancellationToken);

    /// <summary>
    /// Loads <paramref name="path"/>, fills the form named <paramref name="formName"/> (a Blazor form's name, or the
    /// action it posts to) and posts it.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IReadOnlyDictionary<string, string> values)
    {
        var page = await (await GetAsync(path)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var form = Forms().Matches(page).Select(m => m.Value).First(f => f.Contains($"value=\"{formName}\"", StringComparison.Ordinal) || f.Contains($"action=\"{formName}\"", StringComparison.Ordinal));
        var fields = Inputs().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in values)
            fields[name] = value;
        var action = FormAction().Match(form) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : path;
        return await _client.PostAsync(action.Length == 0 ? path : action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    /// <summary>Where a redirect points, as a path and query on this site (the app may answer absolute or relative).</summary>
    public string RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(_client.BaseAddress!, location).PathAndQuery : "";

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    // Every input with a name; the value is optional (an empty text field has none).
    [GeneratedRegex("<input(?=[^>]*\\sname=\"(?<name>[^\"]*)\")(?:(?=[^>]*\\svalue=\"(?<value>[^\"]*)\"))?[^>]*>")]
    private static partial Regex Inputs();

    [GeneratedRegex("<form[^>]*\\saction=\"([^\"]*)\"")]
    private static partial Regex FormAction();
}
