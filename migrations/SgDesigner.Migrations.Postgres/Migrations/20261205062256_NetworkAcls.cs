using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SgDesigner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NetworkAcls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Instances stored before client port ranges existed are Linux clients, the model's default.
            migrationBuilder.AddColumn<int>(
                name: "EphemeralFrom",
                table: "Instances",
                type: "integer",
                nullable: false,
                defaultValue: 32768);

            migrationBuilder.AddColumn<string>(
                name: "EphemeralPorts",
                table: "Instances",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "Linux");

            migrationBuilder.AddColumn<int>(
                name: "EphemeralTo",
                table: "Instances",
                type: "integer",
                nullable: false,
                defaultValue: 60999);

            migrationBuilder.CreateTable(
                name: "NetworkAcls",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "uuid", nullable: false),
                    Id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    VpcId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkAcls", x => new { x.SnapshotId, x.Id });
                    table.ForeignKey(
                        name: "FK_NetworkAcls_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkAclAssociations",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubnetId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NetworkAclId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkAclAssociations", x => new { x.SnapshotId, x.SubnetId });
                    table.ForeignKey(
                        name: "FK_NetworkAclAssociations_NetworkAcls_SnapshotId_NetworkAclId",
                        columns: x => new { x.SnapshotId, x.NetworkAclId },
                        principalTable: "NetworkAcls",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkAclEntries",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "uuid", nullable: false),
                    NetworkAclId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RuleNumber = table.Column<int>(type: "integer", nullable: false),
                    Protocol = table.Column<int>(type: "integer", nullable: false),
                    FromPort = table.Column<int>(type: "integer", nullable: false),
                    ToPort = table.Column<int>(type: "integer", nullable: false),
                    Cidr = table.Column<string>(type: "character varying(49)", maxLength: 49, nullable: false),
                    Action = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkAclEntries", x => new { x.SnapshotId, x.NetworkAclId, x.Direction, x.RuleNumber });
                    table.CheckConstraint("CK_NetworkAclEntries_Action", "\"Action\" IN ('Allow', 'Deny')");
                    table.CheckConstraint("CK_NetworkAclEntries_Direction", "\"Direction\" IN ('Inbound', 'Outbound')");
                    table.CheckConstraint("CK_NetworkAclEntries_IcmpTypeCode", "\"Protocol\" NOT IN (1, 58) OR (\"FromPort\" BETWEEN -1 AND 255 AND \"ToPort\" BETWEEN -1 AND 255)");
                    table.CheckConstraint("CK_NetworkAclEntries_PortRange", "\"Protocol\" NOT IN (6, 17) OR (\"FromPort\" BETWEEN 0 AND 65535 AND \"ToPort\" BETWEEN \"FromPort\" AND 65535)");
                    table.CheckConstraint("CK_NetworkAclEntries_Protocol", "\"Protocol\" BETWEEN -1 AND 255");
                    table.CheckConstraint("CK_NetworkAclEntries_RuleNumber", "\"RuleNumber\" BETWEEN 1 AND 32766");
                    table.ForeignKey(
                        name: "FK_NetworkAclEntries_NetworkAcls_SnapshotId_NetworkAclId",
                        columns: x => new { x.SnapshotId, x.NetworkAclId },
                        principalTable: "NetworkAcls",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Instances_EphemeralPorts",
                table: "Instances",
                sql: "\"EphemeralPorts\" IN ('Linux', 'Windows', 'NatGateway', 'LoadBalancer', 'Custom')");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Instances_EphemeralRange",
                table: "Instances",
                sql: "\"EphemeralFrom\" BETWEEN 1 AND 65535 AND \"EphemeralTo\" BETWEEN \"EphemeralFrom\" AND 65535");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkAclAssociations_SnapshotId_NetworkAclId",
                table: "NetworkAclAssociations",
                columns: new[] { "SnapshotId", "NetworkAclId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NetworkAclAssociations");

            migrationBuilder.DropTable(
                name: "NetworkAclEntries");

            migrationBuilder.DropTable(
                name: "NetworkAcls");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Instances_EphemeralPorts",
                table: "Instances");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Instances_EphemeralRange",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "EphemeralFrom",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "EphemeralPorts",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "EphemeralTo",
                table: "Instances");
        }
    }
}
