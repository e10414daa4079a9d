package io.lethe.export;

/** The file format of a data export: a spreadsheet-friendly CSV or one self-describing JSON document. */
public enum ExportFormat {
    CSV, JSON;

    public String contentType() {
        return this == CSV ? "text/csv; charset=UTF-8" : "application/json; charset=UTF-8";
    }

    public String fileExtension() {
        return this == CSV ? "csv" : "json";
    }
}
