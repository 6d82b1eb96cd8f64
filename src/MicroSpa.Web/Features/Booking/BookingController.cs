using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

[Route("book")]
public sealed class BookingController(ClinicTimeZone zone, IOptions<ClinicOptions> clinic, TimeProvider clock) : Controller
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

    [Authorize(Policy = Policies.Client)]
    [HttpGet("checkout")]
    public async Task<IActionResult> Checkout(
        [FromQuery] StartBooking.Command command, [FromServices] BookingOptions.Handler options, [FromServices] StartBooking.Handler handler,
        [FromServices] CurrentClient client, CancellationToken cancellationToken)
    {
        // A start or id that cannot be read is a broken link, not a time to check.
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        if (await options.ForAsync(command.ServiceId, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        var (outcome, alternatives) = await handler.CheckAsync(
            command.ServiceId, command.AreaIds, command.ProviderId, command.Start, await client.RequiredIdAsync(cancellationToken), null, cancellationToken);
        return View(new CheckoutPage(service, command, zone.ToLocal(command.Start), outcome, Grid(alternatives, "/book/checkout", "get", command)));
    }

    [Authorize(Policy = Policies.Client)]
    [EnableRateLimiting(RateLimits.Booking)]
    [HttpPost("checkout")]
    public async Task<IActionResult> StartCheckout(
        StartBooking.Command command, [FromServices] StartBooking.Handler handler, [FromServices] BookingOptions.Handler options, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var result = await handler.HandleAsync(command, cancellationToken);
        if (result.DraftId is { } draftId)
        {
            return RedirectToAction(result.NeedsIntake ? nameof(Screening) : nameof(Confirm), new { draftId });
        }

        if (await options.ForAsync(command.ServiceId, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        return View(nameof(Checkout), new CheckoutPage(service, command, zone.ToLocal(command.Start), result.Outcome,
            Grid(result.Alternatives, "/book/checkout", "get", command)));
    }

    [Authorize(Policy = Policies.Client)]
    [HttpGet("{draftId:guid}/screening")]
    public async Task<IActionResult> Screening(Guid draftId, [FromServices] ScreeningPageQuery.Handler query, CancellationToken cancellationToken) =>
        await query.HandleAsync(draftId, cancellationToken) is { } page ? View(page) : NotFound();

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/screening")]
    public async Task<IActionResult> Screening(
        Guid draftId, AnswerScreening.Command command, [FromServices] AnswerScreening.Handler handler,
        [FromServices] ScreeningPageQuery.Handler query, [FromServices] BookingOptions.Handler options, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await query.HandleAsync(draftId, cancellationToken) is { } page ? View(page with { Answers = command.Answers }) : NotFound();
        }

        return await ScreeningResultAsync(draftId, await handler.HandleAsync(draftId, command, cancellationToken), options, cancellationToken);
    }

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/screening/unchanged")]
    public async Task<IActionResult> ScreeningUnchanged(
        Guid draftId, [FromServices] AnswerScreening.Handler handler, [FromServices] BookingOptions.Handler options, CancellationToken cancellationToken) =>
        await ScreeningResultAsync(draftId, await handler.ConfirmUnchangedAsync(draftId, cancellationToken), options, cancellationToken);

    [Authorize(Policy = Policies.Client)]
    [HttpGet("{draftId:guid}/consent")]
    public async Task<IActionResult> Consent(Guid draftId, [FromServices] ConsentPageQuery.Handler query, CancellationToken cancellationToken) =>
        await query.HandleAsync(draftId, new SignConsent.Command(), cancellationToken) is { } page ? View(page) : NotFound();

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/consent")]
    public async Task<IActionResult> Consent(
        Guid draftId, SignConsent.Command command, [FromServices] SignConsent.Handler handler, [FromServices] ConsentPageQuery.Handler query,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var outcome = await handler.HandleAsync(draftId, command, ip, Request.Headers.UserAgent.ToString(), cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                return RedirectToAction(nameof(Confirm), new { draftId });
            }

            ModelState.AddErrors(outcome);
        }

        return await query.HandleAsync(draftId, command, cancellationToken) is { } page ? View(page) : NotFound();
    }

    [Authorize(Policy = Policies.Client)]
    [HttpGet("{draftId:guid}/confirm")]
    public async Task<IActionResult> Confirm(Guid draftId, [FromServices] DraftSummary.Handler summary, CancellationToken cancellationToken)
    {
        if (await summary.HandleAsync(draftId, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        if (draft.AppointmentId is { } booked)
        {
            return RedirectToAction("Details", "MyAppointments", new { id = booked });
        }

        return View(new ConfirmPage(draft, clinic.Value, Outcome.Success, null));
    }

    [Authorize(Policy = Policies.Client)]
    [EnableRateLimiting(RateLimits.Booking)]
    [HttpPost("{draftId:guid}/confirm")]
    public async Task<IActionResult> ConfirmPost(
        Guid draftId, [FromServices] ConfirmBooking.Handler handler, [FromServices] DraftSummary.Handler summary, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(draftId, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (result.AppointmentId is { } appointmentId)
        {
            return RedirectToAction("Details", "MyAppointments", new { id = appointmentId, booked = true });
        }

        var draft = (await summary.HandleAsync(draftId, cancellationToken))!;
        var grid = Grid(result.Alternatives, $"/book/{draftId}/time", "post", null);
        return View(nameof(Confirm), new ConfirmPage(draft, clinic.Value, result.Outcome, grid));
    }

    [Authorize(Policy = Policies.Client)]
    [HttpPost("{draftId:guid}/time")]
    public async Task<IActionResult> ChangeTime(
        Guid draftId, DateTimeOffset start, [FromServices] ChangeDraftTime.Handler handler, [FromServices] DraftSummary.Handler summary,
        CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var outcome = await handler.HandleAsync(draftId, start, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (outcome.Succeeded)
        {
            return RedirectToAction(nameof(Confirm), new { draftId });
        }

        var draft = (await summary.HandleAsync(draftId, cancellationToken))!;
        return View(nameof(Confirm), new ConfirmPage(draft, clinic.Value, outcome, null));
    }

    private async Task<IActionResult> ScreeningResultAsync(
        Guid draftId, AnswerScreening.Result result, BookingOptions.Handler options, CancellationToken cancellationToken)
    {
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Outcome == ScreeningOutcome.HardStop)
        {
            var consultation = (await options.AllAsync(cancellationToken)).FirstOrDefault(s => s.Kind == ServiceKind.Consultation);
            return View("HardStop", new HardStopPage(result.Reasons, consultation?.ServiceId, clinic.Value.Phone));
        }

        if (result.Outcome == ScreeningOutcome.NeedsReview)
        {
            TempData["Notice"] = "Thank you. Your provider will go over some of your answers with you before treating: "
                + string.Join(" ", result.Reasons.Select(r => r.Explanation));
        }

        return RedirectToAction(nameof(Consent), new { draftId });
    }

    private TimeGrid? Grid(IReadOnlyList<OpenSlot> slots, string action, string method, StartBooking.Command? command)
    {
        if (slots.Count == 0)
        {
            return null;
        }

        var hidden = new List<KeyValuePair<string, string>>();
        if (command is not null)
        {
            hidden.Add(new("serviceId", command.ServiceId.ToString()));
            hidden.AddRange(command.AreaIds.Select(a => new KeyValuePair<string, string>("areaIds", a.ToString())));
            if (command.ProviderId is { } provider)
            {
                hidden.Add(new("providerId", provider.ToString()));
            }
        }

        var first = DateOnly.FromDateTime(zone.ToLocal(slots[0].Start));
        var last = DateOnly.FromDateTime(zone.ToLocal(slots[^1].Start));
        var days = TimeGrid.Group(slots, first, last, zone, clinic.Value.CultureInfo).Where(d => d.Times.Count > 0).ToList();
        return new TimeGrid(days, action, method, hidden);
    }
}

public sealed record OptionsPage(BookingOptions.Result Service, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateOnly Date);

public sealed record TimesPage(BookingOptions.Result Service, IReadOnlyList<Guid> AreaIds, Guid? ProviderId, DateOnly From, TimeGrid Grid);

public sealed record CheckoutPage(BookingOptions.Result Service, StartBooking.Command Command, DateTime LocalStart, Outcome Outcome, TimeGrid? Alternatives);

public sealed record HardStopPage(IReadOnlyList<ScreeningQuestion> Reasons, Guid? ConsultationServiceId, string ClinicPhone);

public sealed record ConfirmPage(DraftSummary.Result Draft, ClinicOptions Clinic, Outcome Outcome, TimeGrid? Alternatives);
