namespace SgDesigner.Web.Hosting;

/// <summary>
/// A posted HTML form that ASP.NET Core's form reader refuses (a NUL in a field, a value over its length limit) reached
/// the antiforgery check, which could not read its token either and answered "a valid antiforgery token was not
/// provided": the user went looking for the wrong problem. Such a post is answered here, before that check, with a 400
/// that names the field and what is wrong with it; nothing behind it runs, so nothing is stored.
/// </summary>
public static class ReadableForms
{
    private const string UrlEncoded = "application/x-www-form-urlencoded";
    // How much of a refused form is searched for the field with a NUL: a form over a limit is not read whole again.
    private const int Searched = 64 * 1024;

    /// <summary>Answers a URL-encoded form the framework cannot read with a 400 that names the field.</summary>
    public static IApplicationBuilder UseReadableForms(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        // Only the pages' own forms: uploads (multipart) are read, and limited, by their endpoints.
        if (!HttpMethods.IsPost(request.Method) || request.ContentType?.StartsWith(UrlEncoded, StringComparison.OrdinalIgnoreCase) != true)
        {
            await next(context);
            return;
        }
        request.EnableBuffering();
        try
        {
            await request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            request.Body.Position = 0;
            var buffer = new char[Searched];
            var read = await new StreamReader(request.Body).ReadBlockAsync(buffer, context.RequestAborted);
            var raw = new string(buffer, 0, read);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"{Problem(raw, e)} Nothing was changed: go back, correct the field and send the form again.", context.RequestAborted);
            return;
        }
        await next(context);
    });

    // The field with a NUL, which the reader refuses without saying where; otherwise the reader's own words.
    internal static string Problem(string raw, InvalidDataException refusal)
    {
        foreach (var pair in raw.Split('&'))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = at < 0 ? (Decoded(pair), "") : (Decoded(pair[..at]), Decoded(pair[(at + 1)..]));
            if (name.Contains('\0', StringComparison.Ordinal))
                return "The form has a field whose name holds a NUL character (U+0000).";
            if (value.Contains('\0', StringComparison.Ordinal))
                return $"The form's field {name} holds a NUL character (U+0000), which no field accepts.";
        }
        return $"The form could not be read: {refusal.Message}";
    }

    private static string Decoded(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
