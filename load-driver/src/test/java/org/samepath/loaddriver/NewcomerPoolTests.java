package org.samepath.loaddriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewcomerPoolTests {

    @Test
    void takesInTheGivenOrderAndTheFirstOnesServeTheWatchedLaneOnly() {
        NewcomerPool pool = new NewcomerPool(List.of(4, 2, 0, 3, 1), 2);

        assertThat(pool.watched()).containsExactly(4, 2);
        assertThat(pool.take(false)).isEqualTo(0);
        assertThat(pool.take(false)).isEqualTo(3);
        assertThat(pool.take(false)).isEqualTo(1);
        // The plain lane is empty: it never borrows a watched newcomer, and a watched send never borrows a plain one.
        assertThat(pool.take(false)).isEqualTo(NewcomerPool.NONE);
        assertThat(pool.take(true)).isEqualTo(4);
        assertThat(pool.take(true)).isEqualTo(2);
        assertThat(pool.take(true)).isEqualTo(NewcomerPool.NONE);
        assertThat(pool.free()).isZero();
    }

    @Test
    void aBusyNewcomerIsFreeAgainOnlyWhenReleasedAndThenAfterEveryoneAlreadyFree() {
        NewcomerPool pool = new NewcomerPool(List.of(0, 1, 2), 0);

        int first = pool.take(false);
        assertThat(pool.isBusy(first)).isTrue();
        pool.release(first);

        assertThat(pool.isBusy(first)).isFalse();
        assertThat(pool.take(false)).isEqualTo(1);
        assertThat(pool.take(false)).isEqualTo(2);
        assertThat(pool.take(false)).isEqualTo(first);
        assertThat(pool.reuses()).isEqualTo(1);
    }

    @Test
    void aNewcomerCannotBeReleasedTwiceNorReleasedWithoutBeingTaken() {
        NewcomerPool pool = new NewcomerPool(List.of(0, 1), 0);

        assertThatThrownBy(() -> pool.release(0)).isInstanceOf(IllegalStateException.class);
        int taken = pool.take(false);
        pool.release(taken);
        assertThatThrownBy(() -> pool.release(taken)).isInstanceOf(IllegalStateException.class);
        assertThat(pool.free()).isEqualTo(2);
    }

    @Test
    void aNewcomerSetAsideIsNeverTakenAgain() {
        NewcomerPool pool = new NewcomerPool(List.of(0, 1), 1);

        int watched = pool.take(true);
        pool.setAside(watched);

        assertThat(pool.setAside()).isEqualTo(1);
        assertThat(pool.take(true)).isEqualTo(NewcomerPool.NONE);
        assertThatThrownBy(() -> pool.release(watched)).isInstanceOf(IllegalStateException.class);
        assertThat(pool.free()).isEqualTo(1);
    }

    @Test
    void refusesANewcomerListedTwice() {
        assertThatThrownBy(() -> new NewcomerPool(List.of(0, 1, 0), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
