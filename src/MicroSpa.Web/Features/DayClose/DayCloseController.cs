using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.DayClose;

/// <summary>The day's money at the desk: expected against counted cash, totals per tender and provider, the close, the printed report.</summary>
[Authorize(Policy = Policies.FrontDesk)]
[Route("day-close")]
public sealed class DayCloseController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(DateOnly? day, [FromServices] DayReport.Handler report, CancellationToken cancellationToken) =>
        View(await report.HandleAsync(day, cancellationToken));

    [HttpGet("report")]
    public async Task<IActionResult> Report(DateOnly? day, [FromServices] DayReport.Handler report, CancellationToken cancellationToken) =>
        View(await report.HandleAsync(day, cancellationToken));

    [HttpPost("")]
    public Task<IActionResult> Close(
        [Bind(Prefix = "Form")] CloseDay.Command command, [FromServices] CloseDay.Handler handler, [FromServices] DayReport.Handler report,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index), new { day = command.Day!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
            async () => View(nameof(Index), await report.HandleAsync(command.Day, cancellationToken) with { Form = command }),
            prefix: "Form",
            notice: $"{command.Day:dddd d MMMM yyyy} is closed: from now on it takes only refunds.");
}
