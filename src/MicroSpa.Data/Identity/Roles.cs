namespace MicroSpa.Data.Identity;

/// <summary>
/// The roles of MicroSpa. A client has one; a staff member has one or more (a front desk lead is FrontDesk and Manager).
/// New roles go at the end of <see cref="All"/>: a role's id is its place in that list.
/// </summary>
public static class Roles
{
    public const string Client = "Client";
    public const string FrontDesk = "FrontDesk";
    public const string Esthetician = "Esthetician";
    public const string Nurse = "Nurse";
    public const string MedicalDirector = "MedicalDirector";
    public const string Admin = "Admin";

    /// <summary>Reads the reports, changes nothing: the front desk lead's view of the business (issue 21).</summary>
    public const string Manager = "Manager";

    public static readonly IReadOnlyList<string> All = [Client, FrontDesk, Esthetician, Nurse, MedicalDirector, Admin, Manager];

    public static readonly IReadOnlyList<string> Staff = [FrontDesk, Esthetician, Nurse, MedicalDirector, Admin, Manager];

    /// <summary>Roles whose holders treat clients and have a provider record.</summary>
    public static readonly IReadOnlyList<string> Clinical = [Esthetician, Nurse, MedicalDirector];
}
