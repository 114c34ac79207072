using Houqin.Data;
using Npgsql;

namespace Houqin.Tests.Data;

/// <summary>PostgreSQL connections prepare repeated statements, unless the operator's connection string decides.</summary>
public class PreparedStatementsTests
{
    [Fact]
    public void A_connection_string_without_a_say_gets_automatic_preparation_and_keeps_everything_else()
    {
        var given = "Host=db.example;Database=houqin;Username=houqin;Password=secret";
        var used = new NpgsqlConnectionStringBuilder(DataModule.PreparingStatements(given));

        Assert.Equal(256, used.MaxAutoPrepare);
        Assert.Equal(2, used.AutoPrepareMinUsages);
        Assert.Equal(("db.example", "houqin", "houqin", "secret"), (used.Host, used.Database, used.Username, used.Password));
    }

    [Theory]
    [InlineData("Host=db.example;Max Auto Prepare=0")]
    [InlineData("Host=db.example;MaxAutoPrepare=0")]
    [InlineData("Host=db.example;max auto prepare=20")]
    public void An_operators_own_setting_is_left_as_written(string given) => Assert.Equal(given, DataModule.PreparingStatements(given));
}
