using System.Text;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Reports;

/// <summary>
/// The outcome report (issue 21, decision 053): clinicians read it beside the Admin and a Manager, so it lives under
/// /reports, not /admin, and shows no money.
/// </summary>
[Authorize(Policy = Policies.Outcomes)]
[Route("reports/outcomes")]
public sealed class OutcomesController : Controller
{
    /// <summary>The page; dates, an indication or an area that make no report are told on their fields, with 400.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Outcomes([FromQuery] OutcomeQuery query, [FromServices] OutcomeReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return Answer(result, errors);
    }

    /// <summary>The page's table as CSV; an address that makes no report is shown on the page instead, with 400.</summary>
    [HttpGet("~/reports/outcomes.csv")]
    public async Task<IActionResult> OutcomesCsv([FromQuery] OutcomeQuery query, [FromServices] OutcomeReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return result.Period is { } period && errors.Count == 0
            ? File(Encoding.UTF8.GetBytes(OutcomeReportCsv.Write(result)), "text/csv; charset=utf-8", OutcomeReportCsv.FileName(period))
            : Answer(result, errors);
    }

    private ViewResult Answer(OutcomeReport.Result result, IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(nameof(Outcomes), result);
    }
}
