using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

/// <summary>Anyone chooses a service, its areas and provider, then an open time.</summary>
[Route("book")]
public sealed class ChooseTimeController(ClinicTimeZone zone, IOptions<ClinicOptions> clinic, TimeProvider clock) : Controller
{
    private const int DaysShown = 7;

    [AllowAnonymous]
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] BookingOptions.Handler options, CancellationToken cancellationToken) =>
        View(await options.AllAsync(cancellationToken));

    [AllowAnonymous]
    [HttpGet("{serviceId:guid}")]
    public async Task<IActionResult> Options(Guid serviceId, [FromServices] BookingOptions.Handler options, CancellationToken cancellationToken) =>
        await options.ForAsync(serviceId, cancellationToken) is { } service
            ? View(new OptionsPage(service, [], null, zone.Today(clock.GetUtcNow())))
            : NotFound();

    /// <summary>Open times are computed for every request, like the API's: one address gets the API's limit (and shares its bucket).</summary>
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.PublicApi)]
    [HttpGet("{serviceId:guid}/times")]
    public async Task<IActionResult> Times(
        Guid serviceId, [FromQuery] List<Guid> areaIds, Guid? providerId, DateOnly? date,
        [FromServices] BookingOptions.Handler options, [FromServices] OpenTimes.Handler openTimes, CancellationToken cancellationToken)
    {
        if (await options.ForAsync(serviceId, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        var today = zone.Today(clock.GetUtcNow());
        var from = date is { } chosen && chosen >= today ? chosen : today;
        areaIds = areaIds.Where(id => service.Areas.Any(a => a.Id == id)).Distinct().ToList();
        if (service.Kind == ServiceKind.Treatment && areaIds.Count == 0)
        {
            ModelState.AddModelError("areaIds", "Choose at least one area to treat.");
            return View(nameof(Options), new OptionsPage(service, areaIds, providerId, from));
        }

        var to = from.AddDays(DaysShown - 1);
        var result = await openTimes.HandleAsync(new OpenTimes.Query(serviceId, from, to, providerId), cancellationToken);
        var hidden = new List<KeyValuePair<string, string>> { new("serviceId", serviceId.ToString()) };
        hidden.AddRange(areaIds.Select(a => new KeyValuePair<string, string>("areaIds", a.ToString())));
        if (providerId is { } provider)
        {
            hidden.Add(new("providerId", provider.ToString()));
        }

        var grid = new TimeGrid(TimeGrid.Group(result?.Slots ?? [], from, to, zone, clinic.Value.CultureInfo), "/book/checkout", "get", hidden);
        return View(new TimesPage(service, areaIds, providerId, from, grid));
    }
}

public sealed record OptionsPage(BookingOptions.Result Service, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateOnly Date);

public sealed record TimesPage(BookingOptions.Result Service, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateOnly From, TimeGrid Grid);

public sealed record CheckoutPage(BookingOptions.Result Service, StartBooking.Command Command, DateTime LocalStart, Outcome Outcome, TimeGrid? Alternatives);

public sealed record HardStopPage(IReadOnlyList<ScreeningQuestion> Reasons, Guid? ConsultationServiceId, string ClinicPhone);

public sealed record ConfirmPage(DraftSummary.Result Draft, ClinicOptions Clinic, Outcome Outcome, TimeGrid? Alternatives);
