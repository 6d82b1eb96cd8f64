namespace MicroSpa.Web.Features.Shared;

/// <summary>The week as the clinic's pages list it (opening hours, working hours): Monday first.</summary>
public static class ClinicWeek
{
    public static readonly IReadOnlyList<DayOfWeek> Days =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
}
