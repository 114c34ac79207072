namespace Houqin.Features.Procedures.Pages;

public sealed partial class VersionModel
{
    public void Stub(string s)
    {
        errorScope = s;
        errorMessage = s;
    }
}
