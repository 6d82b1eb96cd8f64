using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Booking;
using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.FrontDesk;

[Authorize(Policy = Policies.FrontDesk)]
[Route("front-desk")]
public sealed class FrontDeskController(ClinicTimeZone zone, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ClinicOptions> clinic) : Controller
{
    [HttpGet("clients")]
    public async Task<IActionResult> Clients(string? q, [FromServices] FindClients.Handler handler, CancellationToken cancellationToken) =>
        View(new ClientsPage(q, await handler.HandleAsync(q, cancellationToken), new CreateClient.Command()));

    [HttpGet("clients/{id:guid}")]
    public async Task<IActionResult> Client(Guid id, [FromServices] ClientProfile.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, null, cancellationToken) is { } profile ? View(profile) : NotFound();

    [HttpPost("clients/{id:guid}")]
    public async Task<IActionResult> UpdateClient(
        Guid id, [Bind(Prefix = "Details")] UpdateClient.Command command, [FromServices] UpdateClient.Handler handler,
        [FromServices] ClientProfile.Handler profiles, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(id, command, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Client details saved.";
                return RedirectToAction(nameof(Client), new { id });
            }

            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(error.Field.Length > 0 ? $"Details.{error.Field}" : string.Empty, error.Message);
            }
        }

        return await profiles.HandleAsync(id, command, cancellationToken) is { } profile ? View(nameof(Client), profile) : NotFound();
    }

    [HttpPost("clients/{id:guid}/invite")]
    public async Task<IActionResult> InviteClient(Guid id, [FromServices] InviteClientToPortal.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded
            ? "Invitation sent: the client chooses a password from the email. The account shows their records once their provider has confirmed the address with them in person."
            : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return RedirectToAction(nameof(Client), new { id });
    }

    [HttpPost("clients")]
    public async Task<IActionResult> CreateClient(
        [Bind(Prefix = "NewClient")] CreateClient.Command command, [FromServices] CreateClient.Handler handler, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var (clientId, outcome) = await handler.HandleAsync(command, cancellationToken);
            if (clientId is { } id)
            {
                return RedirectToAction(nameof(Book), new { clientId = id });
            }

            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(error.Field.Length > 0 ? $"NewClient.{error.Field}" : string.Empty, error.Message);
            }
        }

        return View(nameof(Clients), new ClientsPage(null, [], command));
    }

    [HttpGet("book")]
    public async Task<IActionResult> Book(
        Guid clientId, Guid? serviceId, [FromQuery] List<Guid> areaIds, Guid? providerId, DateOnly? date, bool intervalRefused, bool overrideInterval,
        [FromServices] FindClients.Handler clients, [FromServices] BookingOptions.Handler options, [FromServices] OpenTimes.Handler openTimes,
        CancellationToken cancellationToken)
    {
        if (await clients.ByIdAsync(clientId, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        var services = await options.AllAsync(cancellationToken);
        var service = services.SingleOrDefault(s => s.ServiceId == serviceId);
        var from = date ?? zone.Today(clock.GetUtcNow());
        TimeGrid? grid = null;
        if (service is not null)
        {
            areaIds = areaIds.Where(a => service.Areas.Any(x => x.Id == a)).ToList();
            var times = await openTimes.HandleAsync(new OpenTimes.Query(service.ServiceId, from, from.AddDays(6), providerId, ByStaff: true), cancellationToken);
            var hidden = new List<KeyValuePair<string, string>> { new("ClientId", clientId.ToString()), new("ServiceId", service.ServiceId.ToString()) };
            hidden.AddRange(areaIds.Select(a => new KeyValuePair<string, string>("AreaIds", a.ToString())));
            if (providerId is { } provider)
            {
                hidden.Add(new("ProviderId", provider.ToString()));
            }

            if (overrideInterval)
            {
                hidden.Add(new("OverrideInterval", "true"));
            }

            grid = new TimeGrid(TimeGrid.Group(times?.Slots ?? [], from, from.AddDays(6), zone, clinic.Value.CultureInfo), "/front-desk/book", "post", hidden);
        }

        return View(new BookPage(client, services, service, areaIds, providerId, from, grid) { IntervalRefused = intervalRefused, OverrideInterval = overrideInterval });
    }

    [HttpPost("book")]
    public async Task<IActionResult> BookPost(BookForClient.Command command, [FromServices] BookForClient.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var result = await handler.HandleAsync(command, cancellationToken);
        if (result.AppointmentId is { } id)
        {
            return RedirectToAction(nameof(Appointment), new { id });
        }

        TempData["Problem"] = string.Join(" ", result.Outcome.Errors.Select(e => e.Message));
        return RedirectToAction(nameof(Book), new
        {
            clientId = command.ClientId, serviceId = command.ServiceId, areaIds = command.AreaIds, providerId = command.ProviderId,
            date = DateOnly.FromDateTime(zone.ToLocal(command.Start)).ToString("yyyy-MM-dd"),
            intervalRefused = result.Outcome.Errors.Any(e => e.Field == BookForClient.IntervalField) ? true : (bool?)null,
            overrideInterval = command.OverrideInterval ? true : (bool?)null,
        });
    }

    [HttpGet("")]
    public async Task<IActionResult> Day(DateOnly? date, string? view, [FromServices] DaySchedule.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(new DaySchedule.Query(date ?? zone.Today(clock.GetUtcNow()), view == "rooms"), cancellationToken));

    [HttpGet("week")]
    public async Task<IActionResult> Week(
        Guid? providerId, Guid? roomId, DateOnly? date, [FromServices] DaySchedule.Handler handler, CancellationToken cancellationToken)
    {
        if (providerId is null == roomId is null)
        {
            return BadRequest();
        }

        var week = await handler.WeekAsync(providerId, roomId, date ?? zone.Today(clock.GetUtcNow()), cancellationToken);
        return week is { } found ? View(new WeekPage(found.Week, found.Title, providerId, roomId)) : NotFound();
    }

    [HttpGet("run-sheet")]
    public async Task<IActionResult> RunSheet(DateOnly? date, [FromServices] RunSheet.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(date ?? zone.Today(clock.GetUtcNow()), cancellationToken));

    [HttpGet("appointments/{id:guid}")]
    public async Task<IActionResult> Appointment(Guid id, [FromServices] AppointmentCard.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } card ? View(card) : NotFound();

    [HttpGet("appointments/{id:guid}/reschedule")]
    public async Task<IActionResult> Reschedule(
        Guid id, DateOnly? date, Guid? providerId, Guid? roomId, [FromServices] AppointmentCard.Handler cards,
        [FromServices] BookingOptions.Handler options, [FromServices] OpenTimes.Handler openTimes, CancellationToken cancellationToken)
    {
        if (await cards.HandleAsync(id, cancellationToken) is not { } card || await options.ForAsync(card.ServiceId, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        var from = date ?? DateOnly.FromDateTime(card.LocalStart);
        var times = await openTimes.HandleAsync(new OpenTimes.Query(card.ServiceId, from, from.AddDays(6), providerId, id, ByStaff: true), cancellationToken);
        var hidden = new List<KeyValuePair<string, string>> { new("Version", card.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (providerId is { } provider)
        {
            hidden.Add(new("ProviderId", provider.ToString()));
        }

        if (roomId is { } room)
        {
            hidden.Add(new("RoomId", room.ToString()));
        }

        var grid = new TimeGrid(TimeGrid.Group(times?.Slots ?? [], from, from.AddDays(6), zone, clinic.Value.CultureInfo),
            $"/front-desk/appointments/{id}/reschedule", "post", hidden);
        return View(new ReschedulePage(card, service.Providers, await options.RoomsAsync(cancellationToken), providerId, roomId, from, grid));
    }

    [HttpPost("appointments/{id:guid}/reschedule")]
    public async Task<IActionResult> ReschedulePost(
        Guid id, RescheduleAppointment.Command command, [FromServices] RescheduleAppointment.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var outcome = await handler.HandleAsync(id, command, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        if (outcome.Succeeded)
        {
            return RedirectToAction(nameof(Appointment), new { id });
        }

        TempData["Problem"] = string.Join(" ", outcome.Errors.Select(e => e.Message));
        return RedirectToAction(nameof(Reschedule), new
        {
            id, providerId = command.ProviderId, roomId = command.RoomId,
            date = DateOnly.FromDateTime(zone.ToLocal(command.Start)).ToString("yyyy-MM-dd"),
        });
    }

    [HttpGet("providers")]
    public async Task<IActionResult> Providers([FromServices] ProviderSchedule.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.ProvidersAsync(cancellationToken));

    [HttpGet("providers/{id:guid}")]
    public async Task<IActionResult> Provider(Guid id, [FromServices] ProviderSchedule.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken) is { } schedule ? View(schedule) : NotFound();

    [HttpPost("providers/{id:guid}/hours")]
    public async Task<IActionResult> SetHours(
        Guid id, SetWorkingHours.Command command, [FromServices] SetWorkingHours.Handler handler,
        [FromServices] ProviderSchedule.Handler schedules, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(id, command, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Working hours saved.";
                return RedirectToAction(nameof(Provider), new { id });
            }

            ModelState.AddErrors(outcome);
        }

        return await schedules.HandleAsync(id, cancellationToken) is { } schedule ? View(nameof(Provider), schedule) : NotFound();
    }

    [HttpPost("providers/{id:guid}/time-off")]
    public async Task<IActionResult> AddTimeOff(
        Guid id, AddTimeOff.Command command, [FromServices] AddTimeOff.Handler handler,
        [FromServices] ProviderSchedule.Handler schedules, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(id, command, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Time off added.";
                return RedirectToAction(nameof(Provider), new { id });
            }

            ModelState.AddErrors(outcome);
        }

        return await schedules.HandleAsync(id, cancellationToken) is { } schedule ? View(nameof(Provider), schedule) : NotFound();
    }

    [HttpPost("providers/{id:guid}/extra-shifts")]
    public async Task<IActionResult> AddExtraShift(
        Guid id, [Bind(Prefix = "NewShift")] AddExtraShift.Command command, [FromServices] AddExtraShift.Handler handler,
        [FromServices] ProviderSchedule.Handler schedules, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.HandleAsync(id, command, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                TempData["Notice"] = "Extra shift added.";
                return RedirectToAction(nameof(Provider), new { id });
            }

            ModelState.AddErrors(outcome, "NewShift");
        }

        return await schedules.HandleAsync(id, cancellationToken) is { } schedule ? View(nameof(Provider), schedule with { NewShift = command }) : NotFound();
    }

    [HttpPost("providers/{id:guid}/extra-shifts/{shiftId:guid}/delete")]
    public async Task<IActionResult> RemoveExtraShift(Guid id, Guid shiftId, [FromServices] RemoveExtraShift.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, shiftId, cancellationToken) ? RedirectToAction(nameof(Provider), new { id }) : NotFound();

    [HttpPost("providers/{id:guid}/time-off/{timeOffId:guid}/delete")]
    public async Task<IActionResult> RemoveTimeOff(Guid id, Guid timeOffId, [FromServices] RemoveTimeOff.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, timeOffId, cancellationToken) ? RedirectToAction(nameof(Provider), new { id }) : NotFound();

    [HttpPost("appointments/{id:guid}/status")]
    public async Task<IActionResult> ChangeStatus(
        Guid id, ChangeAppointmentStatus.Command command, [FromServices] ChangeAppointmentStatus.Handler handler,
        [FromServices] AppointmentCard.Handler card, CancellationToken cancellationToken)
    {
        var status = StatusCodes.Status400BadRequest;
        if (ModelState.IsValid)
        {
            status = StatusCodes.Status409Conflict;
            var outcome = await handler.HandleAsync(id, command, cancellationToken);
            if (outcome is null)
            {
                return NotFound();
            }

            if (outcome.Succeeded)
            {
                return RedirectToAction(nameof(Appointment), new { id });
            }

            ModelState.AddErrors(outcome);
        }

        if (await card.HandleAsync(id, cancellationToken) is not { } current)
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return View(nameof(Appointment), current);
    }
}

public sealed record ClientsPage(string? Term, IReadOnlyList<FindClients.Match> Matches, CreateClient.Command NewClient);

public sealed record BookPage(
    FindClients.Match Client, IReadOnlyList<BookingOptions.Result> Services, BookingOptions.Result? Service, IReadOnlyList<Guid> AreaIds,
    Guid? ProviderId, DateOnly From, TimeGrid? Grid)
{
    /// <summary>The last attempt was refused for the protocol interval: offer to book anyway.</summary>
    public bool IntervalRefused { get; init; }

    /// <summary>Times picked now are booked inside the protocol interval (a provider approved).</summary>
    public bool OverrideInterval { get; init; }
}

public sealed record ReschedulePage(
    AppointmentCard.Result Card, IReadOnlyList<BookingOptions.Option> Providers, IReadOnlyList<BookingOptions.Option> Rooms,
    Guid? ProviderId, Guid? RoomId, DateOnly From, TimeGrid Grid);

public sealed record WeekPage(DaySchedule.Result Week, string Title, Guid? ProviderId, Guid? RoomId);
