using System.ComponentModel.DataAnnotations;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace MicroSpa.Web.Features.Api;

/// <summary>
/// The public booking API, so a clinic can show its services and open times on its own site.
/// Anonymous, read-only, rate limited. Dates are in the clinic's zone; instants are ISO 8601 with offset.
/// </summary>
[ApiController]
[AllowAnonymous]
[Route("api/v1")]
[EnableRateLimiting(RateLimits.PublicApi)]
public sealed class PublicApiController : ControllerBase
{
    public const int MaxRangeDays = 31;

    /// <summary>The services that can be booked, with their body areas.</summary>
    [HttpGet("services")]
    [OutputCache(PolicyName = AvailabilityCache.Policy)]
    [ProducesResponseType<IReadOnlyList<ServiceDto>>(StatusCodes.Status200OK)]
    public Task<IReadOnlyList<ServiceDto>> Services([FromServices] PublicServices.Handler handler, CancellationToken cancellationToken) =>
        handler.HandleAsync(cancellationToken);

    /// <summary>Open start times for a service between two dates (inclusive, at most 31 days), optionally for one provider.</summary>
    [HttpGet("availability")]
    [OutputCache(PolicyName = AvailabilityCache.Policy)]
    [ProducesResponseType<AvailabilityDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status429TooManyRequests)]
    public async Task<ActionResult<AvailabilityDto>> Availability(
        [FromQuery, Required] Guid? serviceId,
        [FromQuery, Required] DateOnly? from,
        [FromQuery, Required] DateOnly? to,
        [FromQuery] Guid? providerId,
        [FromServices] OpenTimes.Handler openTimes,
        [FromServices] ClinicTimeZone zone,
        CancellationToken cancellationToken)
    {
        if (to < from)
        {
            ModelState.AddModelError(nameof(to), "'to' must not be before 'from'.");
        }
        else if (to!.Value.DayNumber - from!.Value.DayNumber + 1 > MaxRangeDays)
        {
            ModelState.AddModelError(nameof(to), $"Ask for at most {MaxRangeDays} days at a time.");
        }

        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        var result = await openTimes.HandleAsync(new OpenTimes.Query(serviceId!.Value, from!.Value, to.Value, providerId), cancellationToken);
        if (result is null)
        {
            ModelState.AddModelError(nameof(serviceId), "No bookable service has this id.");
            return ValidationProblem(ModelState);
        }

        return new AvailabilityDto(
            result.Service.Id,
            zone.Id,
            from.Value,
            to.Value,
            result.Slots.Select(s => new SlotDto(
                TimeZoneInfo.ConvertTime(s.Start, zone.Zone),
                TimeZoneInfo.ConvertTime(s.End, zone.Zone),
                s.ProviderIds)).ToList());
    }
}

public sealed record AreaDto(Guid Id, string Name);

public sealed record ServiceDto(Guid Id, string Name, string Description, string Kind, int DurationMinutes, decimal Price, IReadOnlyList<AreaDto> Areas);

public sealed record SlotDto(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Guid> ProviderIds);

public sealed record AvailabilityDto(Guid ServiceId, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<SlotDto> Slots);
