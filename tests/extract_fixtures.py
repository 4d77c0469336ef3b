"""A small registry for extraction tests, independent of graph/curated/."""

from __future__ import annotations

from revkg.model import Entity

E = Entity
REGISTRY = (
    E("vladimir-lenin", "Person", "Vladimir Lenin", aliases=("Lenin", "V.I. Lenin")),
    E("gavril-myasnikov", "Person", "Gavril Myasnikov", aliases=("Myasnikov",)),
    E("leon-trotsky", "Person", "Leon Trotsky", aliases=("Trotsky",)),
    E("grigory-zinoviev", "Person", "Grigory Zinoviev", aliases=("Zinoviev",)),
    E("karl-marx", "Person", "Karl Marx", aliases=("Marx",)),
    E("nikolai-bukharin", "Person", "Nikolai Bukharin", aliases=("Bukharin",)),
    E("felix-dzerzhinsky", "Person", "Felix Dzerzhinsky", aliases=("Dzerzhinsky",)),
    E("grand-duke-michael", "Person", "Grand Duke Michael"),
    E("nicholas-ii", "Person", "Nicholas II", aliases=("the Czar",)),
    E("bolsheviks", "Organization", "Bolsheviks", aliases=("Bolshevik Party", "the Bolsheviks")),
    E("workers-group", "Organization", "Workers' Group", aliases=("Workers Group",)),
    E("workers-opposition", "Organization", "Workers' Opposition"),
    E("left-communists", "Organization", "Left Communists"),
    E("state-and-revolution", "Work", "State and Revolution"),
    E("civil-war-in-france", "Work", "The Civil War in France", aliases=("Civil War in France",)),
    E("the-latest-deception", "Work", "The Latest Deception"),
    E("kronstadt-rebellion", "Event", "Kronstadt rebellion", aliases=("Kronstadt",)),
    E("october-revolution", "Event", "October Revolution"),
    E("treaty-of-brest-litovsk", "Event", "Treaty of Brest-Litovsk"),
    E("urals", "Place", "Urals", aliases=("the Urals",)),
    E("siberia", "Place", "Siberia"),
    E("france", "Place", "France"),
    E("germany", "Place", "Germany"),
    E("armenia", "Place", "Armenia"),
    E("persia", "Place", "Persia"),
    E("freedom-of-speech", "Concept", "freedom of speech", aliases=("free speech",)),
    E("state-capitalism", "Concept", "state capitalism", aliases=("state-capitalism",)),
    E("degenerated-workers-state", "Concept", "degenerated workers state"),
    E("centralism", "Concept", "Centralism"),
)
