using System.Text;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Reports;

/// <summary>The Admin's reports (decision 049): read only, each a page with its chart, table and definitions, and its CSV.</summary>
[Authorize(Policy = Policies.Reports)]
[Route("admin/reports")]
public sealed class ReportsController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();

    /// <summary>The money report; dates or a grouping that make no period are told on their fields, with 400.</summary>
    [HttpGet("money")]
    public async Task<IActionResult> Money([FromQuery] ReportQuery query, [FromServices] MoneyReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return Answer(result, errors);
    }

    /// <summary>The same figures as CSV; a range that makes no period is shown on the page instead, with 400.</summary>
    [HttpGet("money.csv")]
    public async Task<IActionResult> MoneyCsv([FromQuery] ReportQuery query, [FromServices] MoneyReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return result.Period is { } period && errors.Count == 0
            ? File(Encoding.UTF8.GetBytes(MoneyReportCsv.Write(result)), "text/csv; charset=utf-8", MoneyReportCsv.FileName(period))
            : Answer(result, errors);
    }

    /// <summary>The breakdowns by service, product, provider and tender as CSV; a range that makes no period is shown on the page, with 400.</summary>
    [HttpGet("money/breakdowns.csv")]
    public async Task<IActionResult> MoneyBreakdownsCsv([FromQuery] ReportQuery query, [FromServices] MoneyReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return result.Period is { } period && errors.Count == 0
            ? File(Encoding.UTF8.GetBytes(MoneyReportCsv.WriteBreakdowns(result)), "text/csv; charset=utf-8", MoneyReportCsv.BreakdownsFileName(period))
            : Answer(result, errors);
    }

    /// <summary>The schedule report (decision 052); dates that make no period are told on their fields, with 400.</summary>
    [HttpGet("schedule")]
    public async Task<IActionResult> Schedule([FromQuery] ReportQuery query, [FromServices] ScheduleReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return Answer(result, errors, nameof(Schedule));
    }

    /// <summary>The schedule figures and the hours per provider, room and device as CSV; a range that makes no period is shown on the page, with 400.</summary>
    [HttpGet("schedule.csv")]
    public async Task<IActionResult> ScheduleCsv([FromQuery] ReportQuery query, [FromServices] ScheduleReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return result.Period is { } period && errors.Count == 0
            ? File(Encoding.UTF8.GetBytes(ScheduleReportCsv.Write(result)), "text/csv; charset=utf-8", ScheduleReportCsv.FileName(period))
            : Answer(result, errors, nameof(Schedule));
    }

    /// <summary>The loyalty report (decision 055); dates that make no period are told on their fields, with 400.</summary>
    [HttpGet("loyalty")]
    public async Task<IActionResult> Loyalty([FromQuery] ReportQuery query, [FromServices] LoyaltyReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return Answer(result, errors, nameof(Loyalty));
    }

    /// <summary>The loyalty figures as CSV; a range that makes no period is shown on the page, with 400.</summary>
    [HttpGet("loyalty.csv")]
    public async Task<IActionResult> LoyaltyCsv([FromQuery] ReportQuery query, [FromServices] LoyaltyReport.Handler handler, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        return result.Period is { } period && errors.Count == 0
            ? File(Encoding.UTF8.GetBytes(LoyaltyReportCsv.Write(result)), "text/csv; charset=utf-8", LoyaltyReportCsv.FileName(period))
            : Answer(result, errors, nameof(Loyalty));
    }

    /// <summary>The recall list of the clients lapsed at the period's end, as CSV; a range that makes no period is shown on the page, with 400.</summary>
    [HttpGet("loyalty/recall.csv")]
    public async Task<IActionResult> RecallCsv(
        [FromQuery] ReportQuery query, [FromServices] LoyaltyReport.Handler handler, [FromServices] ClinicTimeZone clinic, CancellationToken cancellationToken)
    {
        var (result, errors) = await handler.HandleAsync(query, cancellationToken);
        if (result.Period is not { } period || errors.Count > 0)
        {
            return Answer(result, errors, nameof(Loyalty));
        }

        var clients = await handler.RecallAsync(period, cancellationToken);
        return File(Encoding.UTF8.GetBytes(LoyaltyReportCsv.WriteRecall(clients, at => clinic.Today(at))), "text/csv; charset=utf-8", LoyaltyReportCsv.RecallFileName(period));
    }

    private ViewResult Answer(MoneyReport.Result result, IReadOnlyDictionary<string, string> errors) => Answer(result, errors, nameof(Money));

    private ViewResult Answer(object result, IReadOnlyDictionary<string, string> errors, string view)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(view, result);
    }
}
