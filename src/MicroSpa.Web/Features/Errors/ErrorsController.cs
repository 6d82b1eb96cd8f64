using System.Globalization;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Errors;

/// <summary>
/// Where failures end up. Browsers get a page, other clients a problem body. A database outage is a
/// 503 "temporarily unavailable", never a 500, and the app recovers by itself when PostgreSQL returns. A row the database
/// refused because it names a merged client record (decision 045: a merge committed while the work was saved) is a 409
/// naming the kept record.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController(ILogger<ErrorsController> logger) : Controller
{
    [Route("error")]
    public async Task<IActionResult> Exception()
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is null)
        {
            // Asked for directly: nothing failed, there is nothing here.
            return Status(StatusCodes.Status404NotFound);
        }

        if (exception is Infrastructure.ReportingDatabaseUnavailableException
            || (HttpContext.RequestServices.GetService<Infrastructure.ReportingDatabase>() is { ReadFromStandby: true }
                && (DatabaseFailure.IsUnavailable(exception) || DatabaseFailure.IsContention(exception) || exception is Npgsql.PostgresException)))
        {
            logger.LogWarning("Reporting standby unreachable or failing ({Failure}) while serving {Path}",
                (exception.InnerException as Npgsql.PostgresException ?? exception as Npgsql.PostgresException)?.SqlState ?? exception.GetType().Name,
                HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path);
            Response.Headers.RetryAfter = "60";
            return Respond(StatusCodes.Status503ServiceUnavailable, "Reports temporarily unavailable",
                "The reports read from the clinic's reporting database, which cannot be reached right now or could not finish this report. The rest of MicroSpa works. Please try again in a few minutes.");
        }

        if (DatabaseFailure.IsUnavailable(exception))
        {
            logger.LogWarning("Database unavailable while serving {Path}", HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path);
            Response.Headers.RetryAfter = "30";
            return Respond(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
                "MicroSpa cannot reach its database right now. Nothing you saved is lost. Please try again in a minute.");
        }

        if (DatabaseFailure.IsContention(exception))
        {
            logger.LogWarning("Database contention outlasted the retries while serving {Path}", HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path);
            Response.Headers.RetryAfter = "2";
            return Respond(StatusCodes.Status503ServiceUnavailable, "Busy",
                "Many changes reached the database at the same moment and yours could not be saved. Nothing was saved. Please try again.");
        }

        if (MergedClients.KeptIdFromRefusal(exception) is { } kept)
        {
            logger.LogInformation("A row naming a merged client record was refused by the database while serving {Path}", HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path);
            return await MergedAsync(kept);
        }

        if (exception is BadHttpRequestException badRequest)
        {
            return Respond(badRequest.StatusCode, "Bad request", "The request could not be read.");
        }

        return Respond(StatusCodes.Status500InternalServerError, "Something went wrong",
            "An unexpected error happened and has been logged. Please try again.");
    }

    /// <remarks>
    /// No parameters: a re-executed POST still carries its form, and binding anything here would read that
    /// form again (one ASP.NET Core refuses, e.g. with a NUL character, would turn a 400 into a 500).
    /// </remarks>
    [Route("error/{code:int}")]
    public IActionResult Status()
    {
        var code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode
                   ?? (int.TryParse(RouteData.Values["code"]?.ToString(), out var fromPath) ? fromPath : StatusCodes.Status500InternalServerError);
        // An address such as /error/-1 names no failure: nothing here.
        return Status(code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound);
    }

    private IActionResult Status(int code) => code switch
    {
        StatusCodes.Status404NotFound => Respond(code, "Page not found", "There is nothing at this address."),
        StatusCodes.Status403Forbidden => Respond(code, "Not allowed", "Your account cannot open this page."),
        StatusCodes.Status400BadRequest => Respond(code, "Bad request",
            "The form could not be accepted. If it sat open for a long time, reload the page and try again."),
        StatusCodes.Status429TooManyRequests => Respond(code, "Too many requests", WaitMessage()),
        StatusCodes.Status503ServiceUnavailable => Respond(code, "Temporarily unavailable",
            "MicroSpa cannot reach its database right now. Please try again in a minute."),
        var other => Respond(other, "Something went wrong", "The request could not be completed."),
    };

    /// <summary>How long to wait, from the Retry-After the rate limiter set (RateLimits).</summary>
    private string WaitMessage()
    {
        var minutes = int.TryParse(Response.Headers.RetryAfter.ToString(), out var seconds) ? (int)Math.Ceiling(seconds / 60.0) : 1;
        return minutes <= 1 ? "Please wait a minute and try again." : $"Please wait {minutes} minutes and try again.";
    }

    /// <summary>The same answer as <see cref="FollowsMergedClientAttribute"/> gives a form posted for a tombstone: 409, naming the kept record.</summary>
    private async Task<IActionResult> MergedAsync(Guid kept)
    {
        // A scope of its own: the request's database context is the one whose save failed.
        await using var scope = HttpContext.RequestServices.CreateAsyncScope();
        var refusal = await scope.ServiceProvider.GetRequiredService<MergedClients.Handler>().RefusalAsync(Guid.Empty, kept, HttpContext.RequestAborted);
        var link = string.Format(CultureInfo.InvariantCulture, "/front-desk/clients/{0}", kept);
        if (!WantsHtml())
        {
            var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = refusal.Message };
            problem.Extensions["keptId"] = kept;
            problem.Extensions["kept"] = link;
            return new ObjectResult(problem) { StatusCode = StatusCodes.Status409Conflict, ContentTypes = { "application/problem+json" } };
        }

        var page = View(FollowsMergedClientAttribute.View, new FollowsMergedClientAttribute.Page(refusal, link));
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    private bool WantsHtml() => Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    private IActionResult Respond(int statusCode, string title, string detail)
    {
        if (!WantsHtml())
        {
            return Problem(title: title, detail: detail, statusCode: statusCode);
        }

        Response.StatusCode = statusCode;
        return View("Error", new ErrorPage(statusCode, title, detail));
    }
}

public sealed record ErrorPage(int StatusCode, string Title, string Detail);
