"""What the front end keeps while the game runs: settings, the scores database, tour progress,
the article's tour, and the notices the player should read. No pygame here.

Nothing in here stops the game: an unusable scores database or progress file becomes a
notice, and the game plays on without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.loading_cards import LoadingCard, loading_cards
from ...core.tour import TourStage, tour_stages
from ...storage.menu_memory import MenuMemory, load_menu_memory, save_menu_memory
from ...storage.scores_db import ScoresDB, ScoresError
from ...storage.settings import Settings, load_settings, save_settings
from ...storage.tour_progress import TourProgress, load_progress, save_progress
from .song_library import SongLibrary


@dataclass
class Session:
    settings: Settings
    progress: TourProgress = field(default_factory=TourProgress)
    stages: tuple[TourStage, ...] = ()
    cards: tuple[LoadingCard, ...] = ()
    notices: list[str] = field(default_factory=list)
    db: ScoresDB | None = None
    card_index: int = 0
    library: SongLibrary | None = None
    #: free play's last choices and where the modes menu last sent the players
    menus: MenuMemory = field(default_factory=MenuMemory)

    def song_library(self) -> SongLibrary:
        """The song library (made on first use; its folders come from the settings)."""
        if self.library is None:
            self.library = SongLibrary(self.settings.song_folders)
        return self.library

    @classmethod
    def open(cls) -> Session:
        """Load everything from the user's folders; problems become notices."""
        loaded = load_settings()
        session = cls(loaded.settings, notices=list(loaded.warnings))
        progress = load_progress()
        session.progress = progress.progress
        session.notices.extend(progress.warnings)
        session.menus, warnings = load_menu_memory()
        session.notices.extend(warnings)
        session.stages = tour_stages()
        session.cards = loading_cards()
        try:
            session.db = ScoresDB()
            session.notices.extend(session.db.warnings)
        except ScoresError as error:
            session.notices.append(f"scores are not saved this time: {error}")
        return session

    # -- the menus' memory -------------------------------------------------------------------
    def remember_menus(self, **changes) -> None:
        """Keep the menus' choices (``where``, ``free_play``) for the next time and run."""
        from dataclasses import replace

        self.menus = replace(self.menus, **changes)
        try:
            save_menu_memory(self.menus)
        except OSError as error:
            self.notices.append(f"menu choices not saved: {error}")

    # -- loading cards ------------------------------------------------------------------------
    def next_card(self) -> LoadingCard | None:
        """The loading cards in turn: game tips and sentences from the news, labelled."""
        if not self.cards:
            return None
        card = self.cards[self.card_index % len(self.cards)]
        self.card_index += 1
        return card

    # -- settings -----------------------------------------------------------------------------
    def use_settings(self, settings: Settings, save: bool = False) -> None:
        self.settings = settings
        if save:
            try:
                save_settings(settings)
            except OSError as error:
                self.notices.append(f"settings not saved: {error}")

    # -- tour ---------------------------------------------------------------------------------
    def clear_stage(self, stage: TourStage) -> bool:
        """Mark ``stage`` cleared and save; True when this completed the tour just now."""
        was_complete = self.progress.is_complete(self.stages)
        self.progress = self.progress.with_cleared(stage)
        self._save_progress()
        return not was_complete and self.progress.is_complete(self.stages)

    def mark_ending_seen(self) -> None:
        self.progress = self.progress.with_ending_seen()
        self._save_progress()

    def _save_progress(self) -> None:
        try:
            save_progress(self.progress)
        except OSError as error:
            self.notices.append(f"tour progress not saved: {error}")

    # -- scores -------------------------------------------------------------------------------
    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
