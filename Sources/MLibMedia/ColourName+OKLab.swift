extension ColourName {
    /// Below this OKLab lightness every colour looks black, even a deep navy or maroon.
    static let blackLightness = 0.22
    /// Below this chroma a colour reads as neutral: black, grey or white by lightness.
    /// Pale sky blue (0.049) keeps its hue; slate grey (0.032) and beige (0.033) do not.
    static let neutralChroma = 0.04
    /// Neutral colours darker than this are black (sRGB 35,35,35 is; 60,60,60 is grey).
    static let neutralBlackLightness = 0.30
    /// Neutral colours lighter than this are white (sRGB 235,235,235 is; 211,211,211 is grey).
    static let neutralWhiteLightness = 0.91

    /// The name a person would most likely give `colour`.
    ///
    /// Very dark colours are black and nearly neutral ones black, grey or white by
    /// lightness; the rest take the name of the nearest prototype, several shades
    /// per name, so dark red stays red, dark orange becomes brown and navy is blue.
    init(_ colour: OKLab) {
        if colour.lightness < Self.blackLightness {
            self = .black
        } else if colour.chroma < Self.neutralChroma {
            if colour.lightness < Self.neutralBlackLightness {
                self = .black
            } else if colour.lightness > Self.neutralWhiteLightness {
                self = .white
            } else {
                self = .grey
            }
        } else {
            var nearest = Self.prototypes[0]
            var best = Double.infinity
            for prototype in Self.prototypes {
                let distance = colour.distanceSquared(to: prototype.colour)
                if distance < best {
                    best = distance
                    nearest = prototype
                }
            }
            self = nearest.name
        }
    }

    /// Shades that anchor each chromatic name, as sRGB: the pure colour plus the
    /// dark, light and muted shades people still call by that name. Tuned on the
    /// shades ColourNameTests lists; moving one moves the borders around it.
    static let prototypes: [(name: ColourName, colour: OKLab)] = {
        let shades: [(ColourName, [(UInt8, UInt8, UInt8)])] = [
            (.red, [(230, 0, 0), (150, 0, 10), (90, 0, 0), (190, 60, 50)]),
            (.orange, [(255, 140, 0), (255, 100, 20)]),
            (.yellow, [(255, 230, 0), (250, 240, 140)]),
            (.green, [(0, 160, 0), (0, 90, 0), (140, 230, 140), (100, 140, 40), (150, 210, 40)]),
            (.blue, [(0, 60, 230), (0, 0, 120), (120, 190, 240), (60, 120, 180)]),
            (.purple, [(130, 0, 180), (70, 0, 110), (190, 140, 220)]),
            (.pink, [(255, 60, 160), (255, 180, 200), (215, 110, 145)]),
            (.brown, [(140, 70, 20), (100, 65, 35), (200, 170, 130)]),
        ]
        return shades.flatMap { name, colours in
            colours.map { (name, OKLab(red: $0.0, green: $0.1, blue: $0.2)) }
        }
    }()
}
