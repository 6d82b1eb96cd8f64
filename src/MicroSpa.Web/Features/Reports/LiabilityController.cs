using System.Text;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Reports;

/// <summary>The liability report (issue 19, decision 059): prepaid sessions not yet delivered, for the Admin and a Manager.</summary>
[Authorize(Policy = Policies.Reports)]
[Route("admin/reports/liability")]
public sealed class LiabilityController : Controller
{
    /// <summary>The page; dates or a grouping that make no period are told on their fields, with 400.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Liability([FromQuery] ReportQuery query, [FromServices] LiabilityReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return Answer(result, errors);
    }

    /// <summary>The same figures as CSV; a range that makes no period is shown on the page instead, with 400.</summary>
    [HttpGet("~/admin/reports/liability.csv")]
    public async Task<IActionResult> LiabilityCsv([FromQuery] ReportQuery query, [FromServices] LiabilityReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return result.Period is { } period && errors.Count == 0
            ? File(Encoding.UTF8.GetBytes(LiabilityReportCsv.Write(result)), "text/csv; charset=utf-8", LiabilityReportCsv.FileName(period))
            : Answer(result, errors);
    }

    private ViewResult Answer(LiabilityReport.Result result, IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(nameof(Liability), result);
    }
}
