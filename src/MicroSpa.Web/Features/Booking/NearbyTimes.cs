using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Booking;

/// <summary>The open times near a chosen one that was taken or refused, as a grid to pick another from (checkout and confirm).</summary>
public static class NearbyTimes
{
    public sealed class Handler(ClinicTimeZone zone, IOptions<ClinicOptions> clinic)
    {
        /// <summary>
        /// The grid posting to <paramref name="action"/>; with <paramref name="command"/> it carries the service, areas and
        /// provider chosen. Null when there is no time to offer.
        /// </summary>
        public TimeGrid? Grid(IReadOnlyList<OpenSlot> slots, string action, string method, StartBooking.Command? command)
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
}
