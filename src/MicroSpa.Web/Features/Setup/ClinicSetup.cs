using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The settings page: booking policy and rooms.</summary>
public static class ClinicSetup
{
    public sealed record RoomRow(Guid Id, string Name, bool InService);

    public sealed record Result(ChangeBookingPolicy.Command Policy, IReadOnlyList<RoomRow> Rooms, AddRoom.Command NewRoom);

    public sealed class Handler(MicroSpaDbContext db)
    {
        public async Task<Result> HandleAsync(ChangeBookingPolicy.Command? policyForm, AddRoom.Command? roomForm, CancellationToken cancellationToken)
        {
            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Name).Select(r => new RoomRow(r.Id, r.Name, r.InService)).ToListAsync(cancellationToken);
            return new Result(
                policyForm ?? new ChangeBookingPolicy.Command
                {
                    MinimumNoticeMinutes = policy.MinimumNoticeMinutes,
                    HorizonDays = policy.HorizonDays,
                    CancellationCutoffHours = policy.CancellationCutoffHours,
                    ScreeningValidDays = policy.ScreeningValidDays,
                    IsotretinoinWashoutMonths = policy.IsotretinoinWashoutMonths,
                },
                rooms,
                roomForm ?? new AddRoom.Command());
        }
    }
}
