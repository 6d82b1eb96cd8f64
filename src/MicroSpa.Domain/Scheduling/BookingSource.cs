namespace MicroSpa.Domain.Scheduling;

public enum BookingSource
{
    Online = 1,
    FrontDesk = 2,
}
