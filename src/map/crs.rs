//! Coordinate systems (坐标系): WGS-84 and GCJ-02 (国测局坐标, "Mars coordinates").
//!
//! Much Chinese web-map data (Amap, Tencent) is GCJ-02, offset from WGS-84 by an obfuscation
//! formula; around Zhongshan the offset is ≈ 500 m. The forward formula is the widely
//! reproduced public algorithm (e.g. `googollee/eviltransform`, `wandergis/coordtransform`);
//! the inverse is solved by fixed-point iteration to 1e-9°. CGCS2000 equals WGS-84 at map scale.

use std::f64::consts::PI;

/// Declared coordinate system of input coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crs {
    /// WGS-84 / EPSG:4326 (also accepted: CGCS2000, which agrees to < 1 m).
    Wgs84,
    /// GCJ-02 (Amap, Tencent…), converted to WGS-84 on import.
    Gcj02,
}

impl Crs {
    /// Parses a CRS name as callers write it: `WGS84`, `EPSG:4326`, `CGCS2000`, `GCJ02`, `GCJ-02`…
    ///
    /// # Errors
    /// [`crate::Error::UnsupportedCrs`] for anything else (e.g. BD-09, projected systems).
    pub fn parse(name: &str) -> crate::Result<Crs> {
        let n: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ':')
            .collect();
        match n.to_ascii_uppercase().as_str() {
            "WGS84"
            | "EPSG:4326"
            | "CGCS2000"
            | "EPSG:4490"
            | "CRS84"
            | "OGC:CRS84"
            | "URN:OGC:DEF:CRS:OGC:1.3:CRS84" => Ok(Crs::Wgs84),
            "GCJ02" => Ok(Crs::Gcj02),
            _ => Err(crate::Error::UnsupportedCrs(format!(
                "'{name}': use WGS84 (EPSG:4326, CGCS2000) or GCJ02"
            ))),
        }
    }
}

const A: f64 = 6_378_245.0;
const EE: f64 = 0.006_693_421_622_965_943;

fn transform_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn transform_lon(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// WGS-84 → GCJ-02 (lon, lat in degrees). Applied everywhere (the official formula exempts
/// points outside China, which never matters for Zhongshan).
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    let d_lat = transform_lat(lon - 105.0, lat - 35.0);
    let d_lon = transform_lon(lon - 105.0, lat - 35.0);
    let rad_lat = lat / 180.0 * PI;
    let magic = 1.0 - EE * rad_lat.sin() * rad_lat.sin();
    let sqrt_magic = magic.sqrt();
    let d_lat = (d_lat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrt_magic) * PI);
    let d_lon = (d_lon * 180.0) / (A / sqrt_magic * rad_lat.cos() * PI);
    (lon + d_lon, lat + d_lat)
}

/// GCJ-02 → WGS-84 (lon, lat in degrees), by fixed-point iteration until the forward
/// transform reproduces the input to 1e-9° (≈ 0.1 mm), at most 30 steps.
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    let (mut wl, mut wa) = (lon, lat);
    for _ in 0..30 {
        let (gl, ga) = wgs84_to_gcj02(wl, wa);
        let (dl, da) = (gl - lon, ga - lat);
        wl -= dl;
        wa -= da;
        if dl.abs() < 1e-9 && da.abs() < 1e-9 {
            break;
        }
    }
    (wl, wa)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_near_zhongshan_is_about_500_m() {
        let (lon, lat) = (113.39, 22.52);
        let (gl, ga) = wgs84_to_gcj02(lon, lat);
        let dx_km = (gl - lon) * 111.32 * lat.to_radians().cos();
        let dy_km = (ga - lat) * 110.57;
        let d = (dx_km * dx_km + dy_km * dy_km).sqrt();
        assert!((0.3..0.8).contains(&d), "offset {d} km");
    }

    #[test]
    fn inverse_round_trips_to_a_millimetre() {
        for (lon, lat) in [(113.2, 22.2), (113.7, 22.8), (113.45, 22.5)] {
            let (gl, ga) = wgs84_to_gcj02(lon, lat);
            let (wl, wa) = gcj02_to_wgs84(gl, ga);
            assert!((wl - lon).abs() < 1e-8 && (wa - lat).abs() < 1e-8);
        }
    }

    #[test]
    fn parses_crs_names() {
        assert_eq!(Crs::parse("GCJ-02").unwrap(), Crs::Gcj02);
        assert_eq!(Crs::parse("EPSG:4326").unwrap(), Crs::Wgs84);
        let e = Crs::parse("BD-09").unwrap_err();
        assert_eq!(e.code(), "UNSUPPORTED_CRS");
        assert!(e.to_string().contains("BD-09"));
    }
}
