using System.Buffers.Binary;
using System.Security.Cryptography;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// The "I'm here" link of the day's reminder (decision 042): a token sealed with ASP.NET Data Protection (the key ring
/// in PostgreSQL every instance shares) that names one appointment and the start it had when the email was written. It
/// opens that visit's check-in and intake only, and only until the end of the visit's day in the clinic's time (checked
/// against the app's clock); a visit moved since has another start, so the old link names nothing. It is no sign-in:
/// nothing is remembered about whoever opens it.
/// </summary>
public sealed class ArrivalLinks(IDataProtectionProvider protection, PublicLinks links, ClinicTimeZone zone)
{
    /// <summary>The author of the history lines a client writes through their link.</summary>
    public static readonly ChangedBy Client = new(null, "The client (I'm here link, on their phone)");

    private const int PayloadLength = 16 + 8;

    private readonly IDataProtector _protector = protection.CreateProtector("MicroSpa.ArrivalLink.v1");

    /// <summary>What a link names: the appointment and the start it was written for.</summary>
    public sealed record Claim(Guid AppointmentId, DateTimeOffset StartsAt);

    public string TokenFor(Guid appointmentId, DateTimeOffset startsAt)
    {
        var payload = new byte[PayloadLength];
        appointmentId.TryWriteBytes(payload.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), startsAt.UtcTicks);
        return WebEncoders.Base64UrlEncode(_protector.Protect(payload));
    }

    /// <summary>The absolute address to put in an email (on the clinic's public address).</summary>
    public string UrlFor(Guid appointmentId, DateTimeOffset startsAt) =>
        links.Action("Index", "Arrival", new { token = TokenFor(appointmentId, startsAt) });

    /// <summary>When a link for a visit starting then stops working: the end of that day in the clinic's time.</summary>
    public DateTimeOffset ExpiresAt(DateTimeOffset startsAt) => zone.DayBounds(zone.Today(startsAt)).End;

    /// <summary>The claim of a token this app sealed and that has not expired at <paramref name="now"/>; null for anything else.</summary>
    public Claim? Read(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }

        if (payload.Length != PayloadLength)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16));
        // Only this app seals tokens, so the start is one it wrote; the bounds keep the day's arithmetic away from the calendar's ends.
        if (ticks < DateTimeOffset.UnixEpoch.UtcTicks || ticks > DateTimeOffset.MaxValue.AddYears(-1).UtcTicks)
        {
            return null;
        }

        var startsAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        return now < ExpiresAt(startsAt) ? new Claim(new Guid(payload.AsSpan(0, 16)), startsAt) : null;
    }
}
