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

    /// <summary>
    /// A client of the app at <paramref name="baseAddress"/> that follows no redirect, so tests see them; with
    /// <paramref name="cookies"/>, the cookies of another browser form (another app instance on the same host).
    /// </summary>
    public BrowserForm(Uri baseAddress, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
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
        var (action, fields) = Form(page, formName, path);
        foreach (var (name, value) in values)
            fields[name] = value;
        return await _client.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    /// <summary>Where the form named <paramref name="formName"/> on <paramref name="page"/> posts, and its fields as rendered.</summary>
    public static (string Action, Dictionary<string, string> Fields) Form(string page, string formName, string path)
    {
        var form = Forms().Matches(page).Select(m => m.Value).First(f => f.Contains($"value=\"{formName}\"", StringComparison.Ordinal) || f.Contains($"action=\"{formName}\"", StringComparison.Ordinal));
        var fields = Inputs().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        var action = FormAction().Match(form) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : path;
        return (action.Length == 0 ? path : action, fields);
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> as a form, with the cookies.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        _client.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

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
