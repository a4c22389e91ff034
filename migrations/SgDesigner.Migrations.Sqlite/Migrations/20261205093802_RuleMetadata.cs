using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SgDesigner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RuleMetadata : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Justification",
                table: "Rules",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "Rules",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewBy",
                table: "Rules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ticket",
                table: "Rules",
                type: "TEXT",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Justification",
                table: "Rules");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "Rules");

            migrationBuilder.DropColumn(
                name: "ReviewBy",
                table: "Rules");

            migrationBuilder.DropColumn(
                name: "Ticket",
                table: "Rules");
        }
    }
}
