using Microsoft.AspNetCore.Diagnostics;

namespace SgDesigner.Web.Hosting;

/// <summary>
/// Turns the request that the pages' exception handler re-executes at the error page into a GET. The page endpoints
/// answer GET and POST only: re-executed as itself, a failed HEAD found no endpoint (an empty 500) and a failed PUT
/// met the method-not-allowed one (a redirect to sign-in); and a form's POST would have its antiforgery token checked
/// again, on a page that has no form.
/// </summary>
/// <remarks>
/// An <see cref="IExceptionHandler"/> because the handlers run after the middleware has pointed the request at
/// <see cref="ErrorPath"/> and before it routes the request again: a middleware after it would see the request already
/// routed with the original method. It never handles the exception itself: the error page does.
/// </remarks>
public sealed class ErrorPageAsGet : IExceptionHandler
{
    /// <summary>The error page (<c>Components/Pages/Error.razor</c>), shown outside Development for an exception in a page.</summary>
    public const string ErrorPath = "/Error";

    /// <inheritdoc />
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The API's handler answers at the request's own path with a problem document: only the pages' is re-pointed here.
        if (httpContext.Request.Path == ErrorPath)
            httpContext.Request.Method = HttpMethods.Get;
        return ValueTask.FromResult(false);
    }
}
