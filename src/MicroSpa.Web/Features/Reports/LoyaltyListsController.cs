using System.Text;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Reports;

/// <summary>The loyalty report's further CSVs (issue 21, decision 060): series completion by indication and the clients due for maintenance; for the Admin and a Manager.</summary>
[Authorize(Policy = Policies.Reports)]
[Route("admin/reports/loyalty")]
public sealed class LoyaltyListsController : Controller
{
    /// <summary>Series completion by indication as CSV; a range that makes no period is shown on the page, with 400.</summary>
    [HttpGet("series.csv")]
    public async Task<IActionResult> SeriesCsv([FromQuery] ReportQuery query, [FromServices] LoyaltyReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return result.Period is { } period && errors.Count == 0
            ? File(Encoding.UTF8.GetBytes(LoyaltyReportCsv.WriteSeries(result)), "text/csv; charset=utf-8", LoyaltyReportCsv.SeriesFileName(period))
            : Answer(result, errors);
    }

    /// <summary>The clients due for maintenance at the period's end as CSV (opted-out ones left out); a range that makes no period is shown on the page, with 400.</summary>
    [HttpGet("maintenance.csv")]
    public async Task<IActionResult> MaintenanceCsv([FromQuery] ReportQuery query, [FromServices] LoyaltyReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        if (result.Period is not { } period || errors.Count > 0)
        {
            return Answer(result, errors);
        }

        var clients = await handler.MaintenanceDueAsync(period, cancellationToken);
        return File(Encoding.UTF8.GetBytes(LoyaltyReportCsv.WriteMaintenance(clients)), "text/csv; charset=utf-8", LoyaltyReportCsv.MaintenanceFileName(period));
    }

    private ViewResult Answer(LoyaltyReport.Result result, IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View("Loyalty", result);
    }
}
