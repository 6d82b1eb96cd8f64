using MicroSpa.Domain.Intake;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Booking;

/// <summary>Anyone chooses a service, its areas and provider, then an open time.</summary>
[Route("book")]
public sealed class ChooseTimeController : Controller
{
    [AllowAnonymous]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ServiceChoices.Handler choices, CancellationToken cancellationToken) =>
        View(await choices.AllAsync(cancellationToken));

    [AllowAnonymous]
    [HttpGet("{serviceId:guid}")]
    public async Task<IActionResult> Options(Guid serviceId, [FromServices] BookingTimes.Handler times, CancellationToken cancellationToken) =>
        await times.ChoiceAsync(serviceId, cancellationToken) is { } choice ? View(choice) : NotFound();

    /// <summary>Open times are computed for every request, like the API's: one address gets the API's limit (and shares its bucket).</summary>
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.PublicApi)]
    [HttpGet("{serviceId:guid}/times")]
    public async Task<IActionResult> Times(
        Guid serviceId, [FromQuery] List<Guid> areaIds, Guid? providerId, DateOnly? date, [FromServices] BookingTimes.Handler times,
        CancellationToken cancellationToken)
    {
        if (await times.HandleAsync(new BookingTimes.Query(serviceId, areaIds, providerId, date), cancellationToken) is not { } result)
        {
            return NotFound();
        }

        ModelState.AddErrors(result.Outcome);
        return result.Times is { } page ? View(page) : View(nameof(Options), result.Choice);
    }
}

public sealed record HardStopPage(IReadOnlyList<ScreeningQuestion> Reasons, Guid? ConsultationServiceId, string ClinicPhone);
