using MicroSpa.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Web.Features.Setup;

/// <summary>The settings page: booking policy, opening hours, rooms, devices, taxes and the discount limit, deposits and fees.</summary>
public static class ClinicSetup
{
    public sealed record RoomRow(Guid Id, string Name, bool InService);

    public sealed record Result(ChangeBookingPolicy.Command Policy, IReadOnlyList<RoomRow> Rooms, AddRoom.Command NewRoom)
    {
        public SetOpeningHours.Command Hours { get; init; } = new();
        public IReadOnlyList<Shared.ClinicDevices.Row> Devices { get; init; } = [];
        public Shared.AddDevice.Command NewDevice { get; init; } = new();
        public ChangeMoneySettings.Command Money { get; init; } = new();
        public ChangePaymentRules.Command Payments { get; init; } = new();

        /// <summary>Whether providers' calendar feeds name clients (off: initials).</summary>
        public bool CalendarFeedsShowNames { get; init; }
    }

    public sealed class Handler(MicroSpaDbContext db, Shared.ClinicDevices.Handler clinicDevices)
    {
        public async Task<Result> HandleAsync(ChangeBookingPolicy.Command? policyForm, AddRoom.Command? roomForm, CancellationToken cancellationToken)
        {
            var policy = await db.BookingPolicies.AsNoTracking().SingleAsync(cancellationToken);
            var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Name).Select(r => new RoomRow(r.Id, r.Name, r.InService)).ToListAsync(cancellationToken);
            var devices = await clinicDevices.AllAsync(cancellationToken);
            var taxes = await db.TaxClasses.AsNoTracking().ToDictionaryAsync(t => t.Kind, t => t.RatePercent, cancellationToken);
            var billing = await db.BillingSettings.AsNoTracking().SingleAsync(cancellationToken);
            var rules = billing.PaymentRules;
            var payments = new ChangePaymentRules.Command
            {
                WaiveForCleanRecord = rules.WaiveForCleanRecord,
                RecordMonths = rules.RecordMonths,
                RequireAfterNoShow = rules.RequireAfterNoShow,
                LateCancellationsBeforeRequired = rules.LateCancellationsBeforeRequired,
                Safeguard = rules.Safeguard,
                CancellationFeeKind = rules.CancellationFee.Kind,
                CancellationFeeValue = rules.CancellationFee.IsNothing ? null : rules.CancellationFee.Value,
                NoShowFeeKind = rules.NoShowFee.Kind,
                NoShowFeeValue = rules.NoShowFee.IsNothing ? null : rules.NoShowFee.Value,
            };
            var money = new ChangeMoneySettings.Command
            {
                ServicesTaxPercent = taxes[Domain.Billing.TaxKind.Services],
                RetailTaxPercent = taxes[Domain.Billing.TaxKind.Retail],
                DiscountLimitPercent = billing.DiscountLimitPercent,
                GiftCardExpiryMonths = billing.GiftCardExpiryMonths,
                GiftCardMinValue = billing.GiftCardMinValue,
                GiftCardMaxValue = billing.GiftCardMaxValue,
            };
            var hours = new SetOpeningHours.Command
            {
                Days = Shared.ClinicWeek.Days.Select(day => policy.OpeningHours.FirstOrDefault(h => h.Day == day) is { } open
                    ? new SetOpeningHours.DayHours { Day = day, Opens = open.Start, Closes = open.End }
                    : new SetOpeningHours.DayHours { Day = day }).ToList(),
            };
            return new Result(
                policyForm ?? new ChangeBookingPolicy.Command
                {
                    MinimumNoticeMinutes = policy.MinimumNoticeMinutes,
                    HorizonDays = policy.HorizonDays,
                    CancellationCutoffHours = policy.CancellationCutoffHours,
                    ScreeningValidDays = policy.ScreeningValidDays,
                    CheckInOpensMinutesBefore = policy.CheckInOpensMinutesBefore,
                    ClearanceValidMonths = policy.ClearanceValidMonths,
                },
                rooms,
                roomForm ?? new AddRoom.Command())
            {
                Hours = hours,
                Devices = devices,
                Money = money,
                Payments = payments,
                CalendarFeedsShowNames = policy.CalendarFeedsShowNames,
            };
        }
    }
}
