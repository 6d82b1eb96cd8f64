namespace MicroSpa.Domain.Scheduling;

public enum BookingSource
{
    Online = 1,
    FrontDesk = 2,

    /// <summary>The client took a freed time offered from the waitlist.</summary>
    Waitlist = 3,

    /// <summary>Brought over from the system the clinic used before (decision 056).</summary>
    Imported = 4,
}
